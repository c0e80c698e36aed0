/** Metadata of the real seed documents: the garbled OCR (000), the clean draft (002), a report (004). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadModel } from '../../diacritics/load-model';
import { restoreDiacritics } from '../../diacritics/restore-diacritics';
import { extractMetadata } from '../../extractors/extract-metadata';
import { FIXTURES } from '../helpers/cli';

const seed = (name: string) => readFile(join(FIXTURES, 'gold', `${name}.txt`), 'utf8');
const TITLE_416 = 'Phê duyệt kết quả đánh giá, xếp hạng mức độ Chính quyền điện tử trong các cơ quan hành chính nhà nước trên địa bàn tỉnh Gia Lai năm 2020';

describe('metadata of the seed documents', () => {
  it('reads decision 416/QĐ-UBND from its garbled OCR once restored', async () => {
    const text = restoreDiacritics(await seed('000_da7100ae5e4971d0'), await loadModel()).text;
    expect(extractMetadata(text)).toMatchObject({
      type: 'Quyết định',
      number: '416/QĐ-UBND',
      date: '2021-07-14',
      issuer: 'ỦY BAN NHÂN DÂN TỈNH GIA LAI',
      place: 'Gia Lai',
      signingCapacity: 'TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH',
      province: 'Gia Lai',
      year: 2020,
    });
  });

  it('reads the clean draft, whose number and day are still blank', async () => {
    const { confidence, ...fields } = extractMetadata((await seed('002_ce3978a132362554')).normalize('NFC'));
    // A confidence for each field found, none for the blank number; the blank day lowers the date's.
    expect(Object.keys(confidence ?? {}).sort()).toEqual(['date', 'issuer', 'place', 'signer', 'signingCapacity', 'title', 'type']);
    expect(confidence!.date).toBeLessThan(confidence!.type!);
    expect(fields).toEqual({
      type: 'Quyết định',
      number: null,
      date: '2021-07',
      issuer: 'ỦY BAN NHÂN DÂN TỈNH GIA LAI',
      place: 'Gia Lai',
      title: TITLE_416,
      signer: 'Đỗ Tiến Đông',
      signingCapacity: 'TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH',
      province: 'Gia Lai',
      year: 2020,
    });
  });

  it('reads a report without a header block', async () => {
    expect(extractMetadata((await seed('004_4e664a8d0f4a395b')).normalize('NFC'))).toMatchObject({
      type: 'Báo cáo',
      title: 'Tình hình hoạt động năm 2017 và phương hướng hoạt động năm 2018 của Ban Chỉ đạo ứng dụng công nghệ thông tin tỉnh Gia Lai',
      signingCapacity: 'KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN / PHÓ CHỦ TỊCH UBND TỈNH',
      province: 'Gia Lai',
      year: 2017,
    });
  });
});
