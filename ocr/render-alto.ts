/**
 * ALTO v4 from stored pages: one TextBlock per page holding its lines, one String per word
 * with its box and confidence (WC, 0..1), spaces between words. Measurements in pixels.
 */
import type { BBox, Page } from '../core/contracts';

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const geometry = (b: BBox) =>
  `HPOS="${Math.round(b.x0)}" VPOS="${Math.round(b.y0)}" WIDTH="${Math.max(0, Math.round(b.x1 - b.x0))}" HEIGHT="${Math.max(0, Math.round(b.y1 - b.y0))}"`;

function enclosing(boxes: BBox[]): BBox {
  return {
    x0: Math.min(...boxes.map((b) => b.x0)),
    y0: Math.min(...boxes.map((b) => b.y0)),
    x1: Math.max(...boxes.map((b) => b.x1)),
    y1: Math.max(...boxes.map((b) => b.y1)),
  };
}

function renderPage(page: Page): string {
  const id = page.number;
  const pageBox = { x0: 0, y0: 0, x1: page.width, y1: page.height };
  const lines = page.lines.filter((line) => line.words.length > 0);
  const block =
    lines.length === 0
      ? ''
      : [
          `        <TextBlock ID="block_${id}_1" ${geometry(enclosing(lines.map((l) => l.bbox)))}>`,
          ...lines.map((line, li) => {
            const strings = line.words
              .map((w, wi) => `<String ID="string_${id}_${li + 1}_${wi + 1}" ${geometry(w.bbox)} CONTENT="${escapeXml(w.text)}" WC="${(w.confidence / 100).toFixed(2)}"/>`)
              .join('<SP/>');
            return `          <TextLine ID="line_${id}_${li + 1}" ${geometry(line.bbox)}>${strings}</TextLine>`;
          }),
          '        </TextBlock>',
        ].join('\n');
  return [
    `    <Page ID="page_${id}" PHYSICAL_IMG_NR="${id}" WIDTH="${page.width}" HEIGHT="${page.height}">`,
    `      <PrintSpace ${geometry(pageBox)}>`,
    ...(block ? [block] : []),
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
