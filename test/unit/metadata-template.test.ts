/**
 * Metadata read on the layout of Decree 30/2020/NĐ-CP. The pages here are written for these tests
 * from the template (issuer block beside the motto, "Số:" and "Place, ngày" row, type and title,
 * "Nơi nhận:" and the signature block), with the ways OCR and PDF text layers are known to run the
 * columns together and garble codes; they are not sentences of the measured real pages.
 */
import { extractMetadata } from '../../extractors/extract-metadata';
import { readNumber, normaliseCode } from '../../extractors/metadata/read-number';
import { readPlaceDate } from '../../extractors/metadata/read-place-date';
import { typeOfHeading } from '../../extractors/metadata/document-types';

const page = (...lines: string[]) => lines.join('\n');

describe('metadata from the template of Decree 30/2020/NĐ-CP', () => {
  it('reads a Công văn from its "V/v" line, its number without type letters and its two-line issuer', () => {
    const meta = extractMetadata(
      page(
        'UBND TỈNH LÂM ĐỒNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'SỞ GIAO THÔNG VẬN TẢI Độc lập - Tự do - Hạnh phúc',
        'Số: 1205/SGTVT-QLCL Đà Lạt, ngày 03 tháng 9 năm 2025',
        'V/v kiểm tra chất lượng công trình',
        'đường tỉnh trong mùa mưa',
        'Kính gửi: Các Ban Quản lý dự án.',
        'Sở Giao thông vận tải đề nghị các đơn vị kiểm tra và báo cáo trước ngày 15/9/2025.',
        'Nơi nhận:',
        '- Như trên;',
        '- Lưu: VT, QLCL.',
        'KT. GIÁM ĐỐC',
        'PHÓ GIÁM ĐỐC',
        'Trần Minh Khoa',
      ),
    );
    expect(meta).toMatchObject({
      type: 'Công văn',
      number: '1205/SGTVT-QLCL',
      date: '2025-09-03',
      issuer: 'UBND TỈNH LÂM ĐỒNG SỞ GIAO THÔNG VẬN TẢI',
      place: 'Đà Lạt',
      title: 'V/v kiểm tra chất lượng công trình đường tỉnh trong mùa mưa',
      signingCapacity: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC',
      signer: 'Trần Minh Khoa',
    });
    expect(meta.confidence?.type).toBeGreaterThanOrEqual(0.8);
  });

  it('reads a Thông tư: a number with its year, the type confirmed by the code letters', () => {
    const meta = extractMetadata(
      page(
        'BỘ TÀI CHÍNH',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'Số: 08/2024/TT-BTC',
        'Hà Nội, ngày 05 tháng 02 năm 2024',
        'THÔNG TƯ',
        'Hướng dẫn quản lý kinh phí',
        'sự nghiệp bảo vệ môi trường',
        'Căn cứ Luật Ngân sách nhà nước;',
      ),
    );
    expect(meta).toMatchObject({ type: 'Thông tư', number: '08/2024/TT-BTC', date: '2024-02-05', issuer: 'BỘ TÀI CHÍNH', place: 'Hà Nội', title: 'Hướng dẫn quản lý kinh phí sự nghiệp bảo vệ môi trường', signer: null, signingCapacity: null });
    expect(meta.confidence?.type).toBeGreaterThan(0.95);
  });

  it('reads a Nghị định from the code letters when the heading is lost under a stamp', () => {
    const meta = extractMetadata(
      page(
        'CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'Số: 52/2025/ND-CP Hà Nội, ngày 10 tháng 3 năm 2025',
        'ĐẾN Giờ.......... Ngày..11/3..',
        'Quy định chi tiết một số điều của Luật Thủy lợi',
        '',
        'Căn cứ Luật Tổ chức Chính phủ;',
      ),
    );
    expect(meta).toMatchObject({ type: 'Nghị định', number: '52/2025/NĐ-CP', issuer: 'CHÍNH PHỦ', title: 'Quy định chi tiết một số điều của Luật Thủy lợi' });
    expect(meta.confidence?.type).toBeLessThan(0.9);
    expect(meta.confidence?.title).toBeLessThan(0.85);
  });

  it('reads a Thông báo whose number and day are left blank, and keeps stamp text out of the title', () => {
    const meta = extractMetadata(
      page(
        'ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'HUYỆN ĐÔNG ANH Độc lập - Tự do - Hạnh phúc',
        'Số: /TB-UBND Đông Anh, ngày tháng 6 năm 2024',
        'THÔNG BÁO',
        'Kết luận của Chủ tịch tại buổi làm việc',
        'CỔNG THÔNG TIN ĐIỆN TỬ',
        'ĐẾN Giờ..... Ngày.....',
        'Ngày 12 tháng 6, Chủ tịch đã làm việc với các phòng chuyên môn.',
      ),
    );
    expect(meta).toMatchObject({ type: 'Thông báo', number: null, date: '2024-06', place: 'Đông Anh', issuer: 'ỦY BAN NHÂN DÂN HUYỆN ĐÔNG ANH', title: 'Kết luận của Chủ tịch tại buổi làm việc' });
    expect(meta.confidence).not.toHaveProperty('number');
  });

  it('reads a minister signing in his own name, and a Party body\'s number and motto', () => {
    const decree = extractMetadata(
      page(
        'BỘ Y TẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'Số: 15/2025/TT-BYT Hà Nội, ngày 20 tháng 5 năm 2025',
        'THÔNG TƯ',
        'Quy định danh mục thuốc thiết yếu',
        'Căn cứ Luật Dược;',
        'Điều 1. Phạm vi điều chỉnh.',
        'Nơi nhận:',
        '- Văn phòng Chính phủ;',
        '- Lưu: VT, PC. BỘ TRƯỞNG',
        'Lê Thị Hoa',
      ),
    );
    expect(decree).toMatchObject({ type: 'Thông tư', number: '15/2025/TT-BYT', signingCapacity: 'BỘ TRƯỞNG', signer: 'Lê Thị Hoa' });
    const party = extractMetadata(
      page(
        'TỈNH ỦY NGHỆ AN ĐẢNG CỘNG SẢN VIỆT NAM',
        '*',
        'Số 12-CTr/TU Nghệ An, ngày 02 tháng 10 năm 2025',
        'CHƯƠNG TRÌNH HÀNH ĐỘNG',
        'Thực hiện Nghị quyết của Ban Chấp hành Trung ương',
      ),
    );
    expect(party).toMatchObject({ type: 'Chương trình', number: '12-CTr/TU', issuer: 'TỈNH ỦY NGHỆ AN', place: 'Nghệ An', date: '2025-10-02' });
  });

  it('joins the digits and the printed /CODE a PDF text layer gives as separate runs, and a date over several lines', () => {
    const meta = extractMetadata(
      page(
        'ỦY BAN NHÂN DÂN',
        'TỈNH BẮC NINH',
        'Số: 27',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        '/QĐ-UBND Bắc Ninh, ngày 3',
        'tháng 3',
        'năm 2025',
        'Độc lập - Tự do - Hạnh phúc',
        'QUYẾT ĐỊNH',
        'Về việc công bố danh mục thủ tục hành chính',
        'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH',
        'Căn cứ Luật Tổ chức chính quyền địa phương;',
      ),
    );
    expect(meta).toMatchObject({ type: 'Quyết định', number: '27/QĐ-UBND', date: '2025-03-03', issuer: 'ỦY BAN NHÂN DÂN TỈNH BẮC NINH', place: 'Bắc Ninh', title: 'Về việc công bố danh mục thủ tục hành chính' });
  });

  it('gives null for a header the page does not have', () => {
    const meta = extractMetadata('Theo số liệu của ngành, năm 2023 có 1.250 hộ được hỗ trợ.\nCác xã tiếp tục triển khai.');
    expect(meta).toMatchObject({ type: null, number: null, date: null, issuer: null, place: null, title: null, signer: null, signingCapacity: null });
  });
});

describe('the number of the "Số:" row as OCR gives it', () => {
  it('restores type letters OCR confuses and drops the spaces it inserts', () => {
    expect(normaliseCode('QD- -TTg')).toBe('QĐ-TTg');
    expect(normaliseCode('QP-UBND')).toBe('QĐ-UBND');
    expect(normaliseCode('77-BCT')).toBe('TT-BCT');
    expect(normaliseCode('TT!-BNNMT')).toBe('TTr-BNNMT');
    // An issuer's abbreviation alone is left as it is (a Công văn has no type letters).
    expect(normaliseCode('VPCP-CN')).toBe('VPCP-CN');
  });

  it('gives hand-filled digits with a low confidence and illegible ones as null, keeping the code', () => {
    expect(readNumber('416 /QP-UBND')).toMatchObject({ number: '416/QĐ-UBND', code: 'QĐ-UBND' });
    expect(readNumber('416 /QP-UBND').confidence).toBeLessThanOrEqual(0.5);
    expect(readNumber('1205/SGTVT-QLCL').confidence).toBeGreaterThan(0.8);
    expect(readNumber('7ox /QD- -TTg')).toMatchObject({ number: null, code: 'QĐ-TTg' });
    expect(readNumber('2 ‡ /2026/TT-BCT')).toMatchObject({ number: null, code: 'TT-BCT' });
    expect(readNumber('/KH-UBND')).toMatchObject({ number: null, code: 'KH-UBND' });
    expect(readNumber('88/SNV—TCBC')).toMatchObject({ number: '88/SNV-TCBC' });
  });
});

describe('place, date and type heading', () => {
  it('reads what is legible of the date and leaves the rest null', () => {
    expect(readPlaceDate('Thành phố Hồ Chí Minh, ngày 7 tháng 11 năm 2025')).toMatchObject({ place: 'Thành phố Hồ Chí Minh', date: '2025-11-07' });
    expect(readPlaceDate('Cần Thơ, ngày 09/01/2025')).toMatchObject({ place: 'Cần Thơ', date: '2025-01-09' });
    expect(readPlaceDate('Huế, ngày 12 tháng x‡ năm 2025')).toMatchObject({ place: 'Huế', date: null });
    expect(readPlaceDate('Huế, ngày tháng năm 2025')).toMatchObject({ date: null });
  });

  it('knows the official types, forgives one OCR slip in a long name, and not the articles\' "QUYẾT ĐỊNH:"', () => {
    expect(typeOfHeading('THÔNG TƯ LIÊN TỊCH')).toEqual({ name: 'Thông tư liên tịch', exact: true });
    expect(typeOfHeading('TỜ TRÌNH')).toEqual({ name: 'Tờ trình', exact: true });
    expect(typeOfHeading('QUYET PINH')).toEqual({ name: 'Quyết định', exact: false });
    expect(typeOfHeading('QUYẾT ĐỊNH:')).toBeNull();
    expect(typeOfHeading('QUYẾT NGHỊ:')).toBeNull();
    expect(typeOfHeading('CHÍNH PHỦ')).toBeNull();
    expect(typeOfHeading('T Ờ  T R Ì N H')).toEqual({ name: 'Tờ trình', exact: true });
  });
});
