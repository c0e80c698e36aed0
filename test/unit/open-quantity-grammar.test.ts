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
});
