/** The Vietnamese quantity grammar: number notation, fractions, percentages, money, qualifiers, units. */
import fc from 'fast-check';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { normalizeNfc } from '../../diacritics/normalize-nfc';
import { extractIndicators } from '../../extractors/extract-indicators';
import { findQuantities } from '../../extractors/find-quantities';
import { parseNumberWords } from '../../extractors/number-words';
import { formatVietnameseNumber } from '../../extractors/parse-number';
import { FIXTURES } from '../helpers/cli';
import { spellNumber } from '../helpers/spell-number';

const metadata = { province: 'Gia Lai', year: 2020 };
const only = (text: string) => {
  const records = extractIndicators(text, { metadata });
  expect(records).toHaveLength(1);
  return records[0]!;
};

describe('numbers in sentences (properties)', () => {
  it('reads any count written with thousands dots', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), (n) => {
        const record = only(`Trong năm, hệ thống đã tiếp nhận ${formatVietnameseNumber(n)} hồ sơ trực tuyến.`);
        expect([record.value, record.unit, record.denominator]).toEqual([n, 'hồ sơ', null]);
      }),
    );
  });

  it('reads any fraction with its unit and computes its percentage', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 5000 }), (denominator, part) => {
        const value = part % (denominator + 1);
        const record = only(`đã kết nối đến cấp xã (${formatVietnameseNumber(value)}/${formatVietnameseNumber(denominator)} xã).`);
        expect([record.value, record.denominator, record.unit]).toEqual([value, denominator, 'xã']);
        // Rounded to two decimals: off by at most half a hundredth (720/4608 = 15.625 is kept as 15.63).
        expect(Math.abs(record.percent! - (value / denominator) * 100)).toBeLessThanOrEqual(0.005 + 1e-9);
      }),
    );
  });

  it('reads any percentage with a decimal comma and keeps "đạt" as its qualifier', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10000 }), (hundredths) => {
        const percent = hundredths / 100;
        const record = only(`Tỷ lệ hồ sơ giải quyết đúng hạn đạt ${formatVietnameseNumber(percent)}%.`);
        expect(record.unit).toBe('%');
        expect(record.value).toBeCloseTo(percent, 10);
        expect(record.qualifier).toBe('đạt');
      }),
    );
  });

  it('reads back any amount written in words', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 - 1 }), (n) => {
        expect(parseNumberWords(spellNumber(n))).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('money', () => {
  it('reads digits with a glued đ and checks them against the amount in words', () => {
    const agreed = only('Tổng kinh phí thực hiện là 4.652.000.000đ (Bốn tỷ sáu trăm năm mươi hai triệu đồng).');
    expect([agreed.value, agreed.unit]).toEqual([4652000000, 'VND']);
    expect(agreed.flags).not.toContain('amount-words-mismatch');
    const disagreed = only('Tổng kinh phí thực hiện là 4.652.000.000đ (Bốn tỷ sáu trăm năm mươi triệu đồng).');
    expect(disagreed.flags).toContain('amount-words-mismatch');
  });

  it('scales by tỷ and triệu, and keeps an amount per year as its own unit', () => {
    expect(only('ước tính tiết kiệm hơn 3 tỷ đồng/năm')).toMatchObject({ value: 3e9, unit: 'VND/năm', qualifier: 'hơn', bounds: [3e9, null] });
    expect(only('kinh phí 250 triệu đồng')).toMatchObject({ value: 2.5e8, unit: 'VND' });
    expect(only('Tổng kinh phí đầu tư cho CNTT năm 2020:\n2.025.000.000 đồng.')).toMatchObject({ value: 2025000000, unit: 'VND', year: 2020 });
  });
});

describe('qualifiers, bounds and ranges', () => {
  it.each([
    ['đã cấp hơn 1.000 tài khoản thư điện tử', 'hơn', [1000, null]],
    ['với gần 990 học viên', 'gần', [null, 990]],
    ['chỉ đạt khoảng 80%', 'khoảng', [null, null]],
    ['Tất cả (100%) đơn vị cấp tỉnh', 'tất cả', [100, 100]],
    ['có 100% tất cả các đơn vị', 'tất cả', [100, 100]],
    ['dưới 5% hồ sơ', 'dưới', [null, 5]],
  ])('%s', (text, qualifier, bounds) => {
    expect(only(text)).toMatchObject({ qualifier, bounds });
  });

  it('keeps "đạt" for rates, not for scores or counts', () => {
    expect(only('Sở Thông tin và Truyền thông đạt 117,69 điểm')).toMatchObject({ value: 117.69, unit: 'điểm', qualifier: null });
  });

  it('reads ranges as bounds', () => {
    expect(only('mỗi xã có từ 10 đến 15 hồ sơ')).toMatchObject({ value: 10, unit: 'hồ sơ', bounds: [10, 15] });
    expect(only('tỷ lệ tăng 10-15%').bounds).toEqual([10, 15]);
  });

  it('flags targets and changes, never as achieved values', () => {
    expect(only('Phấn đấu năm 2025 có 100% hồ sơ được giải quyết trực tuyến').flags).toContain('target');
    expect(only('hệ thống được nâng cấp để đảm bảo họp trực tuyến đến 100% UBND cấp xã').flags).toContain('target');
    expect(only('hộ gia đình có máy tính (tăng 11,7% so với năm 2019)').flags).toContain('change');
  });
});

describe('restated percentages and totals', () => {
  it('joins a fraction and the percentage that restates it, with its qualifier', () => {
    const record = only('đến cấp xã (184/220 xã), đạt tỷ lệ 83,6%; gồm các huyện');
    expect(record).toMatchObject({ value: 184, denominator: 220, unit: 'xã', qualifier: 'đạt', statedPercent: { value: 83.6, text: '83,6%' } });
  });

  it('takes the unit the percentage names for a generic "đơn vị"', () => {
    const record = only('đã triển khai đến cấp xã (65/222 đơn vị, chiếm tỷ lệ gần 30% số xã, phường, thị trấn trên địa bàn tỉnh)');
    expect(record).toMatchObject({ value: 65, denominator: 222, unit: 'xã', qualifier: 'gần', statedPercent: { value: 30 } });
  });

  it('finds the total of "trên tổng số hồ sơ" among the counts before', () => {
    const text = 'toàn tỉnh đã tiếp nhận 403.086 hồ sơ, trong đó: hồ sơ trễ đã xử lý là 4.127 (chiếm 1,02% trên tổng số hồ sơ).';
    const records = extractIndicators(text, { metadata });
    expect(records.map((r) => [r.value, r.denominator, r.unit, r.statedPercent?.value ?? null])).toEqual([
      [403086, null, 'hồ sơ', null],
      [4127, 403086, 'hồ sơ', 1.02],
    ]);
    expect(records[1]!.flags).toContain('unit-from-context');
  });
});

describe('units', () => {
  it('takes the unit named before a number that ends its clause', () => {
    expect(only('Tổng số chứng thư số đã được cấp hơn 4.830. Các cơ quan đều dùng.')).toMatchObject({ value: 4830, unit: 'chứng thư số', qualifier: 'hơn' });
  });

  it('reads units through OCR garbling and says so', () => {
    const garbled = only('trong nam 2020 da cé 1.817.077 lugt vin bản điện tử');
    expect([garbled.value, garbled.unit]).toEqual([1817077, 'lượt văn bản']);
    expect(garbled.flags).toContain('garbled-unit');
    expect(only('tổ chức 42 16p đào tạo').unit).toBe('lớp');
    expect(only('hiện đã có 17 Sở, ban ngành đã triển khai').unit).toBe('đơn vị');
  });

  it('does not count dates, levels, ranks, names or references', () => {
    for (const text of [
      'Căn cứ Quyết định số 2392/QĐ-BTTTT ngày 25 tháng 12 năm 2017 và Báo cáo 226/BC-STTTT ngày 21/6/2021',
      'dịch vụ công trực tuyến mức độ 3 và 4, cập nhật thông tin',
      'đứng thứ 2 là văn phòng',
      'theo cấp độ và mô hình "04 lớp"; tổ chức tập huấn',
      'hd so giai quyet ty 18 hồ sơ',
      'Điều 5. Khoản 2 của Nghị định 61/2018/NĐ-CP',
    ]) {
      expect(findQuantities(text)).toEqual([]);
    }
  });
});

describe('provenance through normalization', () => {
  it('maps spans found in NFC text back to a decomposed (NFD) file', () => {
    const file = 'Đã tiếp nhận 403.086 hồ sơ'.normalize('NFD');
    const { text, offsets } = normalizeNfc(file);
    const [record] = extractIndicators(text, { metadata });
    const [from, to] = offsets.spanToOriginal(record!.span);
    expect(file.slice(from, to)).toBe('403.086');
  });
});

describe('tables whose grid OCR lost', () => {
  it('reads the appendix of seed 004 as OCR prints it (no tabs, blank lines between rows) like the tab-separated original', async () => {
    const text = (await readFile(join(FIXTURES, 'gold', '004_4e664a8d0f4a395b.txt'), 'utf8')).normalize('NFC');
    const appendix = text.slice(text.indexOf('Số TT') - 200);
    const ocr = appendix.replace(/\t+/g, ' ').replace(/\n(\d)/g, '\n\n$1');
    const cells = (source: string) =>
      extractIndicators(source, { metadata })
        .filter((r) => r.flags.includes('table'))
        .map((r) => [r.entity, r.value, r.unit, r.key, r.level, source.slice(r.span[0], r.span[1])]);
    const gridLost = extractIndicators(ocr, { metadata }).filter((r) => r.flags.includes('table'));
    expect(cells(ocr)).toEqual(cells(appendix));
    expect(gridLost).toHaveLength(46); // 22 rows and the total, two columns
    expect(gridLost.every((r) => r.flags.includes('table-grid-lost'))).toBe(true);
    expect(gridLost.filter((r) => r.flags.includes('table-total')).map((r) => [r.value, r.key])).toEqual([
      [405, 'online_services.level3_count'],
      [63, 'online_services.level4_count'],
    ]);
  });
});
