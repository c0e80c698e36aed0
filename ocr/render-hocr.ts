/**
 * hOCR 1.2 from OCR lines and words, so any stored page (not only a fresh OCR run) can be
 * exported. Lines sit in one ocr_carea per layout block, in reading order.
 */
import type { BBox, Page } from '../core/contracts';
import { enclosing, groupBlocks } from './group-blocks';

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const box = (b: BBox) => `bbox ${Math.round(b.x0)} ${Math.round(b.y0)} ${Math.round(b.x1)} ${Math.round(b.y1)}`;

export function renderHocr(pages: Page[], title: string): string {
  const body = pages
    .map((page) => {
      let wordId = 0;
      const numbered = page.lines.map((line, index) => ({ line, index }));
      const lines = groupBlocks(numbered, (l) => l.line.block)
        .map((block, b) => {
          const area = enclosing(block.map((l) => l.line.bbox));
          const inner = block
            .map(({ line, index }) => {
              const words = line.words
                .map((w) => `<span class="ocrx_word" id="word_${page.number}_${++wordId}" title="${box(w.bbox)}; x_wconf ${Math.round(w.confidence)}">${escapeXml(w.text)}</span>`)
                .join(' ');
              return `    <span class="ocr_line" id="line_${page.number}_${index + 1}" title="${box(line.bbox)}">${words}</span>`;
            })
            .join('\n');
          return `   <div class="ocr_carea" id="block_${page.number}_${b + 1}" title="${box(area)}">\n${inner}\n   </div>`;
        })
        .join('\n');
      return `  <div class="ocr_page" id="page_${page.number}" title="image &quot;page-${page.number}&quot;; bbox 0 0 ${page.width} ${page.height}; ppageno ${page.number - 1}">\n${lines}\n  </div>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="vi" lang="vi">
 <head>
  <title>${escapeXml(title)}</title>
  <meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>
  <meta name="ocr-system" content="sohoa (tesseract.js vie)"/>
  <meta name="ocr-capabilities" content="ocr_page ocr_carea ocr_line ocrx_word"/>
 </head>
 <body>
${body}
 </body>
</html>
`;
}
