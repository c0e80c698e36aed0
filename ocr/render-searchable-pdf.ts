/**
 * A searchable PDF: each scanned page's image at its true size, with the OCR words laid over
 * it as invisible text (render mode 3, as OCR engines do) so viewers can search and select.
 * The font is DejaVu Sans (npm dejavu-fonts-ttf), subset and embedded: it covers every
 * Vietnamese letter, so copied text keeps its diacritics. Pages without an image (text files,
 * born-digital PDF pages) have nothing to overlay and are left out. The file is PDF/A-2b
 * (`mark-pdfa.ts`), the level archives ask for.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { beginText, endText, PDFDocument, setFontAndSize, setTextMatrix, setTextRenderingMode, showText, TextRenderingMode, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Page } from '../core/contracts';
import { storedImageMime } from './grey-image';
import { markPdfA } from './mark-pdfa';

const FALLBACK_DPI = 300;

function fontPath(): string {
  return join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSans.ttf');
}

export interface SearchablePdfOptions {
  /** When the file is said to be made (Info and XMP dates); now unless given. */
  date?: Date;
}

export async function renderSearchablePdf(pages: Page[], loadImage: (ref: string) => Promise<Buffer>, title: string, options: SearchablePdfOptions = {}): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  await markPdfA(pdf, { title, creator: 'sohoa (tesseract.js vie)', producer: 'sohoa', language: 'vi', date: options.date ?? new Date() });
  const font = await pdf.embedFont(await readFile(fontPath()), { subset: true });
  for (const page of pages) {
    if (!page.imageRef || page.width === 0 || page.height === 0) continue;
    const scale = 72 / (page.dpi ?? FALLBACK_DPI);
    const size = { width: page.width * scale, height: page.height * scale };
    const pdfPage = pdf.addPage([size.width, size.height]);
    const bytes = await loadImage(page.imageRef);
    // A JPEG goes in as it is (DCTDecode): no second lossy pass, no growth.
    const image = storedImageMime(bytes) === 'image/jpeg' ? await pdf.embedJpg(bytes) : await pdf.embedPng(bytes);
    pdfPage.drawImage(image, { x: 0, y: 0, ...size });
    overlayWords(pdfPage, page, font, scale);
  }
  return pdf.save();
}

function overlayWords(pdfPage: PDFPage, page: Page, font: PDFFont, scale: number): void {
  const fontKey = pdfPage.node.newFontDictionary(font.name, font.ref);
  const height = page.height * scale;
  const operators = [beginText(), setTextRenderingMode(TextRenderingMode.Invisible)];
  for (const line of page.lines) {
    // One size per line, from the line box, keeps words on a common baseline for selection.
    const fontSize = Math.max(1, (line.bbox.y1 - line.bbox.y0) * scale * 0.85);
    operators.push(setFontAndSize(fontKey, fontSize));
    for (const word of line.words) {
      const text = word.text.trim();
      if (!text) continue;
      const boxWidth = (word.bbox.x1 - word.bbox.x0) * scale;
      const natural = font.widthOfTextAtSize(text, fontSize);
      const stretch = natural > 0 ? Math.max(0.1, boxWidth / natural) : 1;
      const baseline = height - line.bbox.y1 * scale + fontSize * 0.2;
      // The trailing space separates words when the text is extracted again.
      operators.push(setTextMatrix(stretch, 0, 0, 1, word.bbox.x0 * scale, baseline), showText(font.encodeText(`${text} `)));
    }
  }
  operators.push(endText());
  pdfPage.pushOperators(...operators);
}
