/**
 * The open-vocabulary quantity grammar on sentences written for these tests (not taken from any
 * fixture): counted nouns read with the shipped model's word cohesion, measures, ranges, kinds,
 * and numbers that are no quantity.
 */
import type { Indicator } from '../../core/contracts';
import { loadModel } from '../../diacritics/load-model';
import { wordCohesion } from '../../diacritics/word-cohesion';
import type { WordCohesion } from '../../extractors/counted-noun';
import { extractIndicators } from '../../extractors/extract-indicators';
import { checkConsistency } from '../../scoring/check-consistency';

let cohesion: WordCohesion;
beforeAll(async () => {
  cohesion = wordCohesion((await loadModel()).lm);
});

const metadata = { province: 'Hà Nội', year: 2026 };
const records = (text: string): Indicator[] => extractIndicators(text, { metadata, cohesion });
const pick = (text: string) => records(text).map((r) => [r.value, r.unit]);

describe('counted nouns of any kind', () => {
  it('reads the noun a number counts, one word or several', () => {
    expect(pick('Trong tháng, Đài đã đăng tải 75 bài và 134 tin trên cổng thông tin.')).toEqual([
      [75, 'bài'],
      [134, 'tin'],
    ]);
    expect(pick('Đài truyền thanh phát sóng 470 bản tin về phòng chống dịch.')).toEqual([[470, 'bản tin']]);
    expect(pick('Công ty đã lắp đặt 13 tổ máy bơm dọc bờ sông.')).toEqual([[13, 'tổ máy bơm']]);
  });

  it('stops at words that are no part of the noun', () => {
    expect(pick('Hồ sơ được giải quyết trong 45 ngày kể từ khi nhận đủ giấy tờ.')).toEqual([[45, 'ngày']]);
    expect(pick('Tuyến đường dài 30 mét tiếp theo được mở rộng.')).toEqual([[30, 'mét']]);
  });

  it('reads measures, rates and money with their scales', () => {
    expect(pick('Trạm bơm Phú Đô có công suất 90m3/s.')).toEqual([[90, 'm3/s']]);
    expect(pick('Diện tích ngập khoảng 9ha ven sông.')).toEqual([[9, 'ha']]);
    expect(pick('Hỗ trợ 1,5 triệu đồng/tháng cho mỗi hộ.')).toEqual([[1500000, 'VND/tháng']]);
    expect(pick('Khoản vay 2 triệu USD được giải ngân.')).toEqual([[2000000, 'USD']]);
  });

  it('reads ranges with both bounds, whatever joins them', () => {
    const rain = records('Lượng mưa phổ biến 50 ÷ 70mm/h trên địa bàn.')[0]!;
    expect([rain.value, rain.bounds, rain.unit]).toEqual([50, [50, 70], 'mm/h']);
    const transformer = records('Máy biến áp loại 5 - 30KVA được thay mới.')[0]!;
    expect([transformer.value, transformer.bounds, transformer.unit, transformer.kind]).toEqual([5, [5, 30], 'KVA', 'capacity']);
    const fine = records('Phạt tiền từ 2.000.000 đồng đến 4.000.000 đồng đối với hành vi vi phạm.')[0]!;
    expect([fine.value, fine.bounds, fine.unit]).toEqual([2000000, [2000000, 4000000], 'VND']);
  });
});

describe('what a number states', () => {
  it('tells a change, a target and a fact apart', () => {
    expect(records('Số doanh nghiệp mới tăng 12% so với cùng kỳ.')[0]!.kind).toBe('delta');
    expect(records('Phấn đấu đến năm 2030 có 95% dân số được dùng nước sạch.')[0]!.kind).toBe('target');
    expect(records('Hiện tại có 420 hộ nghèo trên địa bàn xã.')[0]!.kind).toBe('value');
  });
});

describe('numbers that are no quantity', () => {
  it.each([
    'Căn cứ Nghị quyết số 80-NQ/TW ngày 28/4/2026 của Bộ Chính trị.',
    'Sửa đổi Điều 6, 7, 8 và 9 của Quy chế.',
    'Sách giáo khoa lớp 3, lớp 7 và lớp 10 được phê duyệt.',
    'Tổ chức Festival lần thứ II tại phường Thụy Phương 2.',
    'Mọi chi tiết xin liên hệ số điện thoại 0243.825.1234.',
    'Kế hoạch giai đoạn 2026 - 2030 của Thành phố.',
    'Sáng 17/10, đoàn công tác đến làm việc.',
    'Tăng cường tuyên truyền đến du khách trong nước và\n\n\f7\n\ndu khách quốc tế.',
  ])('%s', (text) => {
    expect(records(text)).toEqual([]);
  });
});

describe('relations the wording states', () => {
  it('checks a total against the parts enumerated after it', () => {
    const text = 'Toàn huyện có 26 điểm tập kết, trong đó 19 điểm tại các xã và 7 điểm tại thị trấn.';
    const found = records(text);
    const { checks } = checkConsistency('d', text, found);
    expect(checks.find((c) => c.id.startsWith('d:parts-sum'))).toMatchObject({ result: 'holds', stated: 26, computed: 26, indicators: [0, 1, 2] });
  });

  it('checks a count against the names listed after it', () => {
    const text = 'Huyện có 3 xã đạt chuẩn: Tân Lập, Đồng Tâm, Hòa Bình.';
    const { checks } = checkConsistency('d', text, records(text));
    expect(checks.find((c) => c.id.startsWith('d:listed-names'))).toMatchObject({ result: 'holds', computed: 3 });
    const wrong = 'Huyện có 4 xã đạt chuẩn: Tân Lập, Đồng Tâm, Hòa Bình.';
    expect(checkConsistency('d', wrong, records(wrong)).checks.find((c) => c.id.startsWith('d:listed-names'))).toMatchObject({ result: 'fails' });
  });

  const checksOf = (text: string, prefix: string) => checkConsistency('d', text, records(text)).checks.filter((c) => c.id.startsWith(`d:${prefix}`));

  it('ends a list of names at the next quantity, and reads names in brackets', () => {
    const text = 'Thị xã gồm toàn bộ 3 xã: Tân Lập, Đồng Tâm, Hòa Bình và một phần diện tích 02 xã: Hợp Thành, Yên Sơn.';
    expect(checksOf(text, 'listed-names').map((c) => [c.stated, c.result])).toEqual([[3, 'holds'], [2, 'holds']]);
    const bracketed = 'Tỉnh có 03 nhà máy thủy điện (Sông Ba, Krông Hin 2, Ea Krông) đang vận hành.';
    expect(checksOf(bracketed, 'listed-names')).toMatchObject([{ result: 'holds', computed: 3 }]);
  });

  it('ties a headline figure to its lead, said of the same thing or rounded from it', () => {
    const headline = 'Tỉnh tổ chức 24 điểm tiêm lưu động Sáng nay, ngành y tế mở 24 điểm tiêm lưu động tại các xã vùng cao.';
    expect(checksOf(headline, 'restated')).toMatchObject([{ result: 'holds', indicators: [0, 1] }]);
    const rounded = 'Gần 128.000 liều vắc xin đã được tiêm Tính đến chiều qua, các đơn vị đã tiêm được 127.640 liều vắc xin.';
    expect(checksOf(rounded, 'restated')).toHaveLength(1);
    // Amounts given to different districts are different amounts, however alike their clauses.
    const allocations = 'Phân bổ như sau: huyện Yên Bình là 12 tỷ đồng, huyện Lục Ngạn là 12 tỷ đồng, huyện Văn Chấn là 9 tỷ đồng.';
    expect(checksOf(allocations, 'restated')).toEqual([]);
  });

  it('checks a deficit against the revenue and spending before it', () => {
    const text = 'Tổng thu ngân sách địa phương: 9.120.400 triệu đồng. Tổng chi ngân sách địa phương: 9.135.900 triệu đồng. Bội chi ngân sách địa phương: 15.500 triệu đồng.';
    expect(checksOf(text, 'difference')).toMatchObject([{ result: 'holds', indicators: [2, 1, 0] }]);
  });

  it('checks a share against the total it is a share of, also when its percent sign was lost', () => {
    const text = 'Tổng vốn của dự án: 2.400 tỷ đồng. Trong đó: vốn ngân sách tỉnh (25): 600 tỷ đồng; vốn vay (75): 1.800 tỷ đồng.';
    const found = records(text);
    expect(found.filter((r) => r.unit === '%').map((r) => r.value)).toEqual([25, 75]);
    expect(checksOf(text, 'share').map((c) => c.result)).toEqual(['holds', 'holds']);
    // A bracketed number the arithmetic does not bear out stays a list marker.
    const marker = 'Tổng vốn của dự án: 2.400 tỷ đồng. Trong đó: vốn ngân sách tỉnh (2): 600 tỷ đồng.';
    expect(records(marker).filter((r) => r.unit === '%')).toEqual([]);
  });

  it('checks a stated multiple against the two amounts around it', () => {
    const text = 'Thu nhập bình quân đạt 6 triệu đồng/tháng, tăng gấp 3 lần so với năm 2015 (năm 2015 là 2 triệu đồng/tháng).';
    expect(checksOf(text, 'multiple')).toMatchObject([{ result: 'holds', stated: 3 }]);
  });
});

describe('corpus text that lost a sign, read as a reader would', () => {
  it('reads a money rate whose slash was lost', () => {
    expect(pick('Thu nhập bình quân đầu người đạt 5 triệu đồngnăm.')).toEqual([[5000000, 'VND/năm']]);
  });

  it('counts after a word that closes with a reference head ("danh mục 180 thuốc")', () => {
    expect(pick('Ban hành kèm theo Quyết định này danh mục 215 thuốc sản xuất trong nước.')).toEqual([[215, 'thuốc']]);
    expect(pick('Theo quy định tại Mục 2 của Chương này.')).toEqual([]);
  });

  it('reads a two-unit duration written in capitals', () => {
    expect(records('THỜI GIAN ĐÓNG BẢO HIỂM TỪ ĐỦ 15 NĂM ĐẾN 19 NĂM 6 THÁNG')[0]?.bounds).toEqual([15, 19.5]);
  });
});
