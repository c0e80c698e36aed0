/** Reading order from word boxes, and the split of reading errors by cause, on hand-made pages. */
import type { OcrLine } from '../../core/contracts';
import { attributeReadingErrors } from '../../ocr/attribute-reading-errors';
import { joinParagraphs } from '../../ocr/join-paragraphs';
import { orderReading, readingText } from '../../ocr/order-reading';

const H = 30;
/** A line of words laid left to right from x, each word 10 px a letter, 12 px apart. */
function line(text: string, x: number, y: number): OcrLine {
  let at = x;
  const words = text.split(' ').map((word) => {
    const box = { x0: at, y0: y, x1: at + 10 * word.length, y1: y + H };
    at = box.x1 + 12;
    return { text: word, bbox: box, confidence: 95 };
  });
  return { text, bbox: { x0: x, y0: y, x1: at - 12, y1: y + H }, confidence: 95, words };
}

/** Two lines Tesseract read straight across two zones of the page: their words on one line. */
function across(left: OcrLine, right: OcrLine): OcrLine {
  return { text: `${left.text} ${right.text}`, bbox: { ...left.bbox, x1: right.bbox.x1 }, confidence: 95, words: [...left.words, ...right.words] };
}

describe('orderReading', () => {
  it('reads the header rows zone by zone, the body across, and the recipients before the signature', () => {
    const page = [
      across(line('UBND TINH', 100, 50), line('CONG HOA XA HOI', 900, 50)),
      line('Doc lap Tu do', 950, 90),
      across(line('So: 12/QD', 120, 200), line('Ha Noi, ngay 1', 900, 200)),
      line('QUYET DINH', 600, 320),
      line('Body line one reaches from the left margin to the right one here', 100, 420),
      line('body line two', 100, 460),
      across(line('Noi nhan:', 100, 600), line('CHU TICH', 1000, 600)),
      line('- Nhu tren;', 100, 640),
      line('- Luu: VT.', 100, 680),
      line('Nguyen Van A', 980, 760),
    ];
    const ordered = orderReading(page);
    expect(ordered.map((l) => l.text)).toEqual([
      'UBND TINH',
      'CONG HOA XA HOI',
      'Doc lap Tu do',
      'So: 12/QD',
      'Ha Noi, ngay 1',
      'QUYET DINH',
      'Body line one reaches from the left margin to the right one here',
      'body line two',
      'Noi nhan:',
      '- Nhu tren;',
      '- Luu: VT.',
      'CHU TICH',
      'Nguyen Van A',
    ]);
    const block = (text: string) => ordered.find((l) => l.text === text)!.block;
    expect(block('CONG HOA XA HOI')).toBe(block('Doc lap Tu do'));
    expect(block('UBND TINH')).not.toBe(block('CONG HOA XA HOI'));
    expect(block('Noi nhan:')).toBe(block('- Luu: VT.'));
    expect(block('CHU TICH')).not.toBe(block('Noi nhan:'));
    expect(readingText(ordered).split('\n\n')[0]).toBe('UBND TINH');
  });

  it('keeps a one-column page in its order, as one block per paragraph', () => {
    const page = [line('first line of the text', 100, 100), line('second line of the text', 100, 140), line('a new paragraph', 100, 230)];
    const ordered = orderReading(page);
    expect(ordered.map((l) => l.text)).toEqual(page.map((l) => l.text));
    expect(ordered.map((l) => l.block)).toEqual([0, 0, 1]);
  });
});

describe('joinParagraphs', () => {
  it('joins the lines of a paragraph, starting a new one at an indent or after a short line', () => {
    const page = orderReading([
      line('QUYET DINH', 400, 40),
      line('Can cu Luat To chuc chinh quyen dia phuong ngay 19 thang 6', 160, 120),
      line('nam 2015 va cac van ban khac co lien quan toi viec nay;', 100, 160),
      line('Xet de nghi cua So Thong tin va Truyen thong tai to trinh so', 160, 200),
      line('12/TTr-STTTT.', 100, 240),
    ]);
    expect(joinParagraphs(page)).toBe(
      'QUYET DINH\n\nCan cu Luat To chuc chinh quyen dia phuong ngay 19 thang 6 nam 2015 va cac van ban khac co lien quan toi viec nay;\nXet de nghi cua So Thong tin va Truyen thong tai to trinh so 12/TTr-STTTT.',
    );
  });
});

describe('attributeReadingErrors', () => {
  const truth = 'CHINH PHU\nCONG HOA XA HOI CHU NGHIA\nCan cu Luat To chuc Chinh phu ngay 18 thang 02;\nDieu 1. Dong y chu truong.';
  it('finds nothing wrong with a perfect reading', () => {
    const errors = attributeReadingErrors(truth.split('\n'), truth);
    expect([errors.total, errors.extraLines, errors.order, errors.missingLines, errors.characters]).toEqual([0, 0, 0, 0, 0]);
  });

  it('splits the edits by cause, adding up to the whole', () => {
    const reading = ['CONG HOA XA HOI CHU NGHIA', 'CHINH PHU', 'Giờ....C.. Ngày..27.⁄# mm.', 'Can cu Luat To chuc Chinh phv ngay 18 thang 02;'];
    const errors = attributeReadingErrors(reading, truth);
    expect(errors.order).toBeGreaterThan(0);
    expect(errors.extraLines).toBeGreaterThan(0);
    expect(errors.characters).toBe(1);
    expect(errors.missingLines).toBeGreaterThanOrEqual('Dieu 1. Dong y chu truong.'.length);
    expect(errors.extraLines + errors.order + errors.missingLines + errors.characters).toBe(errors.total);
    expect(errors.referenceLines.find((l) => l.text.startsWith('Dieu'))!.covered).toBe(0);
  });
});
