import { Indicator, Page, SohoaDocument } from '../../core/contracts';

const indicator = {
  key: 'videoconf.communes_connected',
  value: 184,
  denominator: 220,
  unit: 'xã',
  qualifier: null,
  percent: 83.64,
  year: 2020,
  province: 'Gia Lai',
  entity: null,
  level: 'commune',
  phrase: 'đã có 15 đơn vị cấp huyện triển khai HNTH từ cấp huyện đến cấp xã (184/220 xã)',
  valueText: '184/220',
  span: [10, 17],
  page: 1,
  confidence: 0.8,
  flags: [],
  reviewState: 'pending',
};

describe('contracts', () => {
  it('accepts a complete indicator and infers its type', () => {
    const parsed: Indicator = Indicator.parse(indicator);
    expect(parsed.denominator).toBe(220);
  });

  it('rejects an indicator with an unknown qualifier or a confidence above 1', () => {
    expect(Indicator.safeParse({ ...indicator, qualifier: 'approximately' }).success).toBe(false);
    expect(Indicator.safeParse({ ...indicator, confidence: 1.5 }).success).toBe(false);
  });

  it('requires a document id that is a sha256 of the bytes', () => {
    const doc = { id: 'a'.repeat(64), filename: 'x.pdf', mime: 'application/pdf', byteSize: 10, pageCount: 1, createdAt: 'now', metadata: {
      type: null, number: null, date: null, issuer: null, place: null, title: null, signer: null, signingCapacity: null, province: null, year: null } };
    expect(SohoaDocument.safeParse(doc).success).toBe(true);
    expect(SohoaDocument.safeParse({ ...doc, id: 'not-a-hash' }).success).toBe(false);
    expect(SohoaDocument.safeParse({ ...doc, mime: 'application/msword' }).success).toBe(false);
  });

  it('keeps the text source of a page to one of the known routes', () => {
    const page = { number: 1, imageRef: null, width: 0, height: 0, dpi: null, textSource: 'pdf-text', route: 'text layer', text: 'x', lines: [], meanConfidence: null, skipped: null };
    expect(Page.safeParse(page).success).toBe(true);
    expect(Page.safeParse({ ...page, textSource: 'magic' }).success).toBe(false);
  });
});
