/**
 * ALTO, hOCR and the searchable PDF against their standards, on pages built to be awkward:
 * markup characters in words, Vietnamese letters, an empty page, a text page with no image.
 * The e2e scan tests run the same checks on real OCR output.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import type { OcrLine, Page } from '../../core/contracts';
import { renderAlto } from '../../ocr/render-alto';
import { renderHocr } from '../../ocr/render-hocr';
import { renderSearchablePdf } from '../../ocr/render-searchable-pdf';
import { altoErrors, pdfaProblems, xmlErrors } from '../helpers/archival-checks';

const FIXTURES = join(__dirname, '..', 'fixtures');

function line(y: number, words: string[], block?: number): OcrLine {
  let x = 100;
  const boxes = words.map((text) => {
    const word = { text, bbox: { x0: x, y0: y, x1: x + 40 * text.length, y1: y + 50 }, confidence: 91.5 };
    x = word.bbox.x1 + 25;
    return word;
  });
  return { text: words.join(' '), bbox: { x0: 100, y0: y, x1: x - 25, y1: y + 50 }, confidence: 90, words: boxes, ...(block === undefined ? {} : { block }) };
}

function page(number: number, lines: OcrLine[], imageRef: string | null = 'page-image'): Page {
  return {
    number, imageRef, width: imageRef ? 2480 : 0, height: imageRef ? 3508 : 0, dpi: imageRef ? 300 : null,
    textSource: imageRef ? 'ocr' : 'text-file', route: 'test page', text: lines.map((l) => l.text).join('\n'),
    lines, meanConfidence: lines.length ? 90 : null, skipped: null,
  };
}

const awkward: Page[] = [
  page(1, [
    line(200, ['QUYẾT', 'ĐỊNH'], 0),
    line(300, ['Điều', '1.', 'Giao', '"chỉ', 'tiêu"', '<10%', '&', 'R&D', "l'an"], 1),
    line(400, [], 1),
    line(500, ['Số:', '416/QĐ-UBND', '—', '50÷70mm/h', '≥', '5'], 2),
  ]),
  page(2, []),
];

describe('ALTO', () => {
  it('validates against the ALTO 4.2 and 4.4 schemas, markup characters and empty pages included', async () => {
    const alto = renderAlto(awkward, 'Quyết định & "bản" <gốc>.pdf');
    expect(await altoErrors(alto, '4-2')).toEqual([]);
    expect(await altoErrors(alto, '4-4')).toEqual([]);
    expect(alto).toContain('CONTENT="&quot;chỉ"');
    expect(alto.match(/<TextBlock /g)).toHaveLength(3);
  });

  it('is rejected by the check when it breaks the schema', async () => {
    const broken = renderAlto(awkward, 'a.pdf').replace('WC="0.92"', 'WC="92"');
    expect((await altoErrors(broken)).join('\n')).toMatch(/WC/);
  });
});

describe('hOCR', () => {
  it('is well-formed XHTML, markup characters included', async () => {
    expect(await xmlErrors(renderHocr(awkward, 'Quyết định & <gốc>.pdf'))).toEqual([]);
    expect((await xmlErrors('<html><body><span>a</body></html>')).length).toBeGreaterThan(0);
  });
});

describe('searchable PDF', () => {
  const image = readFile(join(FIXTURES, 'scan-page.png'));
  const title = 'Quyết định 416/QĐ-UBND & "kèm theo"';

  it('is PDF/A-2b: XMP identification agreeing with the document information, sRGB output intent, fonts embedded, file identifier', async () => {
    const pages = [...awkward, page(3, [line(200, ['văn', 'bản'])], null)];
    const bytes = await renderSearchablePdf(pages, async () => image, title, { date: new Date('2026-12-05T10:20:30Z') });
    expect(await pdfaProblems(bytes)).toEqual([]);
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    // The text page has no image to lay words over; the two scanned pages are there.
    expect(pdf.getPageCount()).toBe(2);
    expect(pdf.getTitle()).toBe(title);
    expect(Buffer.from(bytes).toString('latin1')).toContain('<xmp:CreateDate>2026-12-05T10:20:30Z</xmp:CreateDate>');
  });

  it('keeps a grey PNG scan and a JPEG scan valid alike', async () => {
    const jpeg = await sharp(await image).jpeg({ quality: 80 }).toBuffer();
    const bytes = await renderSearchablePdf(awkward.slice(0, 1), async () => jpeg, 'jpeg scan');
    expect(await pdfaProblems(bytes)).toEqual([]);
    expect(Buffer.from(bytes).includes('/DCTDecode')).toBe(true);
  });

  it('is found wanting by the check when it is a plain PDF', async () => {
    const plain = await PDFDocument.create();
    plain.addPage().drawText('plain', { size: 12 });
    const problems = await pdfaProblems(await plain.save());
    expect(problems).toEqual(expect.arrayContaining([
      'catalog: XMP metadata stream missing', 'catalog: no GTS_PDFA1 output intent', 'trailer: file identifier (ID) missing',
    ]));
    expect(problems.some((p) => /Helvetica.*not embedded/.test(p))).toBe(true);
  });
});
