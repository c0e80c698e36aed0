/**
 * Checks of the archival outputs: ALTO against the official XSD (copied from the shared
 * `schemas/alto/`, see test/fixtures/schemas/alto/README.md), hOCR as well-formed XML, and the
 * structure PDF/A-2b asks of a searchable PDF. No PDF/A validator can be installed here, so the
 * PDF check reads the file back and lists every rule of ISO 19005-2 level B it can see broken.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, PDFStream, decodePDFRawStream } from 'pdf-lib';
import { validateXML } from 'xmllint-wasm';

const SCHEMAS = join(__dirname, '..', 'fixtures', 'schemas', 'alto');
const schemaFile = (fileName: string) => ({ fileName, contents: readFileSync(join(SCHEMAS, fileName), 'utf8') });

export type AltoVersion = '4-2' | '4-4';

/** xmllint's messages for an ALTO file against one ALTO XSD; empty when it validates. */
export async function altoErrors(xml: string, version: AltoVersion = '4-2'): Promise<string[]> {
  const result = await validateXML({
    xml: { fileName: 'document.alto.xml', contents: xml },
    schema: schemaFile(`alto-${version}.xsd`),
    preload: [schemaFile('xlink.xsd')],
  });
  return result.valid ? [] : result.errors.map((e) => e.message);
}

/** xmllint's parser errors for a document that must be well-formed XML (hOCR is XHTML). */
export async function xmlErrors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: { fileName: 'document.xml', contents: xml }, normalization: 'format' });
  return result.valid ? [] : result.errors.map((e) => e.message);
}

const streamBytes = (stream: PDFStream) =>
  stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : stream.getContents();

function infoText(pdf: PDFDocument, key: string): string | undefined {
  switch (key) {
    case 'Title': return pdf.getTitle();
    case 'Creator': return pdf.getCreator();
    case 'Producer': return pdf.getProducer();
    default: return undefined;
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (text: string) => text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name]!);
const xmpValue = (xmp: string, tag: string) => {
  const raw = new RegExp(`<${tag}>(?:<rdf:Alt><rdf:li[^>]*>)?([^<]*)<`).exec(xmp)?.[1];
  return raw === undefined ? undefined : unescapeXml(raw);
};

/** Every PDF/A-2b rule this reading finds broken; empty when none is. */
export async function pdfaProblems(bytes: Uint8Array): Promise<string[]> {
  const problems: string[] = [];
  const head = Buffer.from(bytes.subarray(0, 16));
  if (!/^%PDF-1\.[4-7]\r?\n%/.test(head.toString('latin1'))) problems.push('header: %PDF-1.x then a comment line');
  else if (![...head.subarray(10, 14)].every((b) => b > 127)) problems.push('header comment: four bytes above 127');
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const { context, catalog } = pdf;
  if (context.trailerInfo.Encrypt) problems.push('encrypted');
  if (!(context.trailerInfo.ID instanceof PDFArray) || (context.trailerInfo.ID as PDFArray).size() !== 2) problems.push('trailer: file identifier (ID) missing');

  const metadata = catalog.lookup(PDFName.of('Metadata'));
  if (!(metadata instanceof PDFStream)) problems.push('catalog: XMP metadata stream missing');
  else {
    if (metadata.dict.has(PDFName.of('Filter'))) problems.push('metadata stream is filtered');
    const xmp = Buffer.from(streamBytes(metadata)).toString('utf8');
    problems.push(...(await xmlErrors(xmp)).map((e) => `XMP: ${e}`));
    if (xmpValue(xmp, 'pdfaid:part') !== '2') problems.push('XMP: pdfaid:part is not 2');
    if (xmpValue(xmp, 'pdfaid:conformance') !== 'B') problems.push('XMP: pdfaid:conformance is not B');
    for (const [info, tag] of [['Title', 'dc:title'], ['Creator', 'xmp:CreatorTool'], ['Producer', 'pdf:Producer']] as const) {
      const said = infoText(pdf, info);
      if (said !== undefined && xmpValue(xmp, tag) !== said) problems.push(`Info ${info} "${said}" and XMP ${tag} disagree`);
    }
    const created = pdf.getCreationDate()?.toISOString().replace(/\.\d{3}Z$/, 'Z');
    if (created && xmpValue(xmp, 'xmp:CreateDate') !== created) problems.push('Info CreationDate and XMP xmp:CreateDate disagree');
  }

  const intents = catalog.lookup(PDFName.of('OutputIntents'));
  const pdfaIntent = intents instanceof PDFArray
    ? intents.asArray().map((i) => context.lookup(i)).find((i): i is PDFDict => i instanceof PDFDict && i.get(PDFName.of('S')) === PDFName.of('GTS_PDFA1'))
    : undefined;
  if (!pdfaIntent) problems.push('catalog: no GTS_PDFA1 output intent');
  else {
    const profile = pdfaIntent.lookup(PDFName.of('DestOutputProfile'));
    if (!(profile instanceof PDFStream)) problems.push('output intent: no DestOutputProfile');
    else {
      const icc = Buffer.from(streamBytes(profile));
      if (icc.subarray(36, 40).toString('latin1') !== 'acsp') problems.push('output intent: the profile is not ICC');
      if (String(profile.dict.get(PDFName.of('N'))) !== String(icc.subarray(16, 20).toString('latin1') === 'RGB ' ? 3 : -1)) problems.push('output intent: N does not match an RGB profile');
      if ((icc[8] ?? 0) >= 5) problems.push('output intent: ICC version 5 or later');
    }
  }

  // Fonts: every font program embedded. A Type0 font is checked through its descendant; a
  // Type3 font draws its glyphs itself; any other font needs FontFile, FontFile2 or FontFile3.
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
    const subtype = object.get(PDFName.of('Subtype'));
    if (subtype === PDFName.of('Type0') || subtype === PDFName.of('Type3')) continue;
    const descriptor = object.lookup(PDFName.of('FontDescriptor'));
    const embedded = descriptor instanceof PDFDict && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor.get(PDFName.of(k)) instanceof PDFRef);
    if (!embedded) problems.push(`font ${ref.toString()} (${String(object.get(PDFName.of('BaseFont')))}): font program not embedded`);
  }
  return problems;
}
