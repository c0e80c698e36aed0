/**
 * ALTO v4 from stored pages: one TextBlock per layout block (zone or column, in reading order;
 * the whole page for pages read before blocks were kept) holding its lines, one String per word
 * with its box and confidence (WC, 0..1), spaces between words. Measurements in pixels.
 */
import type { BBox, OcrLine, Page } from '../core/contracts';
import { enclosing, groupBlocks } from './group-blocks';

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const geometry = (b: BBox) =>
  `HPOS="${Math.round(b.x0)}" VPOS="${Math.round(b.y0)}" WIDTH="${Math.max(0, Math.round(b.x1 - b.x0))}" HEIGHT="${Math.max(0, Math.round(b.y1 - b.y0))}"`;

function renderBlock(pageId: number, blockIndex: number, lines: Array<{ line: OcrLine; index: number }>): string {
  return [
    `        <TextBlock ID="block_${pageId}_${blockIndex + 1}" ${geometry(enclosing(lines.map((l) => l.line.bbox)))}>`,
    ...lines.map(({ line, index }) => {
      const strings = line.words
        .map((w, wi) => `<String ID="string_${pageId}_${index + 1}_${wi + 1}" ${geometry(w.bbox)} CONTENT="${escapeXml(w.text)}" WC="${(w.confidence / 100).toFixed(2)}"/>`)
        .join('<SP/>');
      return `          <TextLine ID="line_${pageId}_${index + 1}" ${geometry(line.bbox)}>${strings}</TextLine>`;
    }),
    '        </TextBlock>',
  ].join('\n');
}

function renderPage(page: Page): string {
  const id = page.number;
  const pageBox = { x0: 0, y0: 0, x1: page.width, y1: page.height };
  const numbered = page.lines.map((line, index) => ({ line, index })).filter(({ line }) => line.words.length > 0);
  const blocks = groupBlocks(numbered, (l) => l.line.block);
  return [
    `    <Page ID="page_${id}" PHYSICAL_IMG_NR="${id}" WIDTH="${page.width}" HEIGHT="${page.height}">`,
    `      <PrintSpace ${geometry(pageBox)}>`,
    ...blocks.map((lines, b) => renderBlock(id, b, lines)),
    '      </PrintSpace>',
    '    </Page>',
  ].join('\n');
}

export function renderAlto(pages: Page[], fileName: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.loc.gov/standards/alto/ns-v4# http://www.loc.gov/standards/alto/v4/alto-4-2.xsd">
  <Description>
    <MeasurementUnit>pixel</MeasurementUnit>
    <sourceImageInformation>
      <fileName>${escapeXml(fileName)}</fileName>
    </sourceImageInformation>
  </Description>
  <Layout>
${pages.map(renderPage).join('\n')}
  </Layout>
</alto>
`;
}
