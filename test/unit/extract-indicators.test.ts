import { extractIndicators } from '../../extractors/extract-indicators';
import { extractMetadata } from '../../extractors/extract-metadata';
import { matchUnit } from '../../extractors/units';

const metadata = { province: 'Gia Lai', year: 2020 };

describe('indicator extraction', () => {
  it('reads a fraction with its unit and computes the percentage', () => {
    const [record] = extractIndicators('đã có 15 đơn vị cấp huyện triển khai HNTH đến cấp xã (184/220 xã), đạt tỷ lệ 83,6%', { metadata })
      .filter((i) => i.denominator !== null);
    expect(record).toMatchObject({ value: 184, denominator: 220, unit: 'xã', percent: 83.64, province: 'Gia Lai', year: 2020 });
    expect(record!.valueText).toBe('184/220');
  });

  it('reads thousands separators and a count unit broken over a line', () => {
    const text = '- Trong năm 2020, toàn tỉnh đã tiếp nhận 403.086 hồ\nsơ, trong đó hồ sơ trễ là 4.127 (chiếm 1,02% trên tổng số hồ sơ)';
    const records = extractIndicators(text, { metadata: { province: 'Gia Lai', year: null } });
    const received = records.find((r) => r.value === 403086);
    expect(received).toMatchObject({ unit: 'hồ sơ', year: 2020, denominator: null });
    expect(records.find((r) => r.unit === '%')).toMatchObject({ value: 1.02, percent: 1.02 });
  });

  it('keeps qualifiers and flags targets', () => {
    const [near] = extractIndicators('tỷ lệ văn bản đi được số hóa đạt gần 100%', { metadata });
    expect(near).toMatchObject({ value: 100, qualifier: 'gần' });
    expect(near!.flags).toContain('qualifier');
    const [target] = extractIndicators('Phấn đấu năm 2025 có 100% hồ sơ được giải quyết trực tuyến', { metadata });
    expect(target!.flags).toContain('target');
  });

  it('takes a percentage with its fraction as one record', () => {
    const records = extractIndicators('84,04% (158/188) trường Trung học cơ sở', { metadata });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ value: 158, denominator: 188, percent: 84.04, unit: 'trường' });
  });

  it('does not take dates, years or document numbers for quantities', () => {
    const text = 'Căn cứ Quyết định số 2392/QĐ-BTTTT ngày 25 tháng 12 năm 2017 và Báo cáo 226/BC-STTTT ngày 21/6/2021';
    expect(extractIndicators(text, { metadata })).toEqual([]);
  });

  it('reads units through the OCR digits seen in the seeds (x3 for xã, s0 for sơ)', () => {
    expect(matchUnit(' x3), đạt')?.entry.unit).toBe('xã');
    expect(matchUnit(' hồ\ns0, trong')?.entry.unit).toBe('hồ sơ');
    expect(matchUnit(' xanh')).toBeNull();
  });

  it('gives each district of a breakdown its own record, with the unit of the total', () => {
    const text = 'đã có 15 đơn vị cấp huyện triển khai HNTH đến cấp xã (184/220 xã), đạt tỷ lệ 83,6%; gồm: Pleiku 22/22, Ia Pa 9/9, Chư Prông 16/20.';
    const districts = extractIndicators(text, { metadata }).filter((i) => i.entity !== null);
    expect(districts.map((d) => [d.entity, d.value, d.denominator, d.unit, d.level])).toEqual([
      ['Pleiku', 22, 22, 'xã', 'district'],
      ['Ia Pa', 9, 9, 'xã', 'district'],
      ['Chư Prông', 16, 20, 'xã', 'district'],
    ]);
  });

  it('reads a tab-separated table: one record per row and column, labelled by the headers', () => {
    const text = [
      'Số TT\tTên đơn vị\tSố lượng dịch vụ công trực tuyến\t',
      '\t\tMức 3\tMức 4',
      '1\tSở Thông tin và Truyền thông\t16\t1',
      '2\tUBND thị xã Ayun Pa\t36\t0',
      '\tTổng cộng\t52\t1',
    ].join('\n');
    const records = extractIndicators(text, { metadata });
    expect(records.map((r) => [r.entity, r.value, r.unit, r.level, r.key])).toEqual([
      ['Sở Thông tin và Truyền thông', 16, 'dịch vụ', 'province', 'online_services.level3_count_by_unit'],
      ['Sở Thông tin và Truyền thông', 1, 'dịch vụ', 'province', 'online_services.level4_count_by_unit'],
      ['UBND thị xã Ayun Pa', 36, 'dịch vụ', 'district', 'online_services.level3_count_by_unit'],
      ['UBND thị xã Ayun Pa', 0, 'dịch vụ', 'district', 'online_services.level4_count_by_unit'],
      [null, 52, 'dịch vụ', 'province', 'online_services.level3_count'],
      [null, 1, 'dịch vụ', 'province', 'online_services.level4_count'],
    ]);
    expect(records.every((r) => r.flags.includes('table'))).toBe(true);
  });

  it('scales money by its scale word', () => {
    const [money] = extractIndicators('tiết kiệm hơn 3 tỷ đồng mỗi năm', { metadata });
    expect(money).toMatchObject({ value: 3e9, unit: 'VND', qualifier: 'hơn' });
  });
});

describe('metadata', () => {
  it('reads the header and the signature block of a decision', () => {
    const text = [
      'ỦY BAN NHÂN DÂN      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'TỈNH GIA LAI      Độc lập - Tự do - Hạnh phúc',
      'Số: 416/QĐ-UBND      Gia Lai, ngày 14 tháng 7 năm 2021',
      'QUYẾT ĐỊNH',
      'Phê duyệt kết quả đánh giá, xếp hạng mức độ Chính quyền điện tử',
      'trên địa bàn tỉnh Gia Lai năm 2020',
      'ỦY BAN NHÂN DÂN TỈNH',
      'Điều 1. Phê duyệt kết quả.',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Võ Ngọc Thành',
    ].join('\n');
    expect(extractMetadata(text)).toMatchObject({
      type: 'Quyết định',
      number: '416/QĐ-UBND',
      date: '2021-07-14',
      place: 'Gia Lai',
      province: 'Gia Lai',
      year: 2020,
      signer: 'Võ Ngọc Thành',
      signingCapacity: 'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH',
    });
  });
});
