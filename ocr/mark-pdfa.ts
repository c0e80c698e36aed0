/**
 * What turns a pdf-lib document into PDF/A-2b (ISO 19005-2, level B): an XMP metadata packet
 * that identifies the part and level and repeats the document information, an sRGB output
 * intent so that DeviceRGB and DeviceGray images have a defined colour meaning, and a file
 * identifier in the trailer. Fonts are embedded by the caller; this part cannot check that.
 *
 * The sRGB profile is the one libvips (through sharp) carries built in, so nothing beyond
 * `npm ci` is needed to write an archival PDF.
 */
import { createHash } from 'node:crypto';
import { PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import sharp from 'sharp';

export interface PdfaIdentity {
  title: string;
  /** The tool that made the content (Info /Creator, xmp:CreatorTool). */
  creator: string;
  /** The library that wrote the file (Info /Producer, pdf:Producer). */
  producer: string;
  language: string;
  /** One instant for the creation and modification dates of both Info and XMP, which must agree. */
  date: Date;
}

/** The identifiers a PDF/A-2b file declares in its XMP (read back by tests and validators). */
export const PDFA_PART = 2;
export const PDFA_CONFORMANCE = 'B';

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** ISO 8601 in UTC with seconds: the precision of a PDF date, so Info and XMP say the same. */
const xmpDate = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function xmpPacket(identity: PdfaIdentity): string {
  const date = xmpDate(identity.date);
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdfaid:part>${PDFA_PART}</pdfaid:part>
   <pdfaid:conformance>${PDFA_CONFORMANCE}</pdfaid:conformance>
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(identity.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:language><rdf:Bag><rdf:li>${escapeXml(identity.language)}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreatorTool>${escapeXml(identity.creator)}</xmp:CreatorTool>
   <xmp:CreateDate>${date}</xmp:CreateDate>
   <xmp:ModifyDate>${date}</xmp:ModifyDate>
   <xmp:MetadataDate>${date}</xmp:MetadataDate>
   <pdf:Producer>${escapeXml(identity.producer)}</pdf:Producer>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

/** libvips's built-in sRGB profile (ICC v4, display class, three components). */
export async function srgbProfile(): Promise<Buffer> {
  const probe = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#ffffff' } })
    .withIccProfile('srgb')
    .png()
    .toBuffer();
  const { icc } = await sharp(probe).metadata();
  if (!icc) throw new Error('sharp did not attach its sRGB profile: the PDF/A output intent cannot be written');
  return icc;
}

/** Sets the document information, XMP, output intent and file identifier of a PDF/A-2b file. */
export async function markPdfA(pdf: PDFDocument, identity: PdfaIdentity): Promise<void> {
  // Info and XMP must agree field by field; pdf-lib would otherwise stamp its own dates.
  pdf.setTitle(identity.title);
  pdf.setCreator(identity.creator);
  pdf.setProducer(identity.producer);
  pdf.setLanguage(identity.language);
  pdf.setCreationDate(identity.date);
  pdf.setModificationDate(identity.date);

  const { context, catalog } = pdf;
  // A metadata stream must stay unfiltered (context.stream, not flateStream) and be UTF-8:
  // pdf-lib would keep only the low byte of each character of a string.
  const metadata = context.stream(new TextEncoder().encode(xmpPacket(identity)), { Type: 'Metadata', Subtype: 'XML' });
  catalog.set(PDFName.of('Metadata'), context.register(metadata));

  const profile = context.flateStream(await srgbProfile(), { N: 3 });
  const intent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'),
    Info: PDFString.of('sRGB IEC61966-2.1'),
    DestOutputProfile: context.register(profile),
  });
  catalog.set(PDFName.of('OutputIntents'), context.obj([intent]));

  // The identifier only has to tell this file from others: a digest of its identity is enough.
  const id = createHash('md5').update(`${identity.title}\n${identity.date.toISOString()}`).digest('hex');
  context.trailerInfo.ID = context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
}
