/** Restoration keeps the document's own tone placement (hòa or hoà) unless a style is chosen. */
import { detectToneStyle, documentToneStyle } from '../../diacritics/detect-tone-style';
import { loadModel, type DiacriticsModel } from '../../diacritics/load-model';
import { restoreDiacritics } from '../../diacritics/restore-diacritics';
import { scanTokens } from '../../diacritics/tokenize';

let model: DiacriticsModel;
beforeAll(async () => {
  model = await loadModel();
});

// A report written in the new style (hoà, thuỷ, khoẻ), with marks lost from its last sentence.
const NEW_STYLE = 'Công tác hoà giải ở cơ sở được quan tâm. Hệ thống thuỷ lợi và sức khoẻ người dân được bảo đảm.\nKet qua hoa giai thanh cong, cong trinh thuy loi hoan thanh.';
const OLD_STYLE = 'Công tác hòa giải ở cơ sở được quan tâm. Hệ thống thủy lợi và sức khỏe người dân được bảo đảm.\nKet qua hoa giai thanh cong, cong trinh thuy loi hoan thanh.';

describe('tone-placement style', () => {
  it('is the majority of the marked syllables whose placement differs between the styles', () => {
    expect(detectToneStyle(scanTokens(NEW_STYLE))).toBe('new');
    expect(detectToneStyle(scanTokens(OLD_STYLE))).toBe('old');
    // Closed syllables ("hoàn", "toán") place the tone alike in both: no evidence.
    expect(detectToneStyle(scanTokens('hoàn thành, toán học, hoan thanh'))).toBeNull();
    expect(documentToneStyle('hoàn thành', 'document', 'old')).toBe('old');
    expect(documentToneStyle(NEW_STYLE, 'old', 'old')).toBe('old');
  });

  it("follows the document's own style by default, and a chosen style when given", () => {
    const lastLine = (text: string) => text.split('\n')[1];
    expect(lastLine(restoreDiacritics(NEW_STYLE, model).text)).toBe('Kết quả hoà giải thành công, công trình thuỷ lợi hoàn thành.');
    expect(lastLine(restoreDiacritics(OLD_STYLE, model).text)).toBe('Kết quả hòa giải thành công, công trình thủy lợi hoàn thành.');
    expect(lastLine(restoreDiacritics(NEW_STYLE, model, { toneStyle: 'old' }).text)).toBe('Kết quả hòa giải thành công, công trình thủy lợi hoàn thành.');
    // Half the words unmarked reads as garbled OCR: a new-style word is still the model's syllable.
    expect(restoreDiacritics('Công tác hoà giải tốt. Ket qua hoa giai, thuy loi', model).text).toBe('Công tác hoà giải tốt. Kết quả hoà giải, thuỷ lợi');
    // The first line is written as it was: marks present are trusted.
    expect(restoreDiacritics(NEW_STYLE, model).text.split('\n')[0]).toBe(NEW_STYLE.split('\n')[0]);
  });

  it('keeps a word the text already spells with its marks as written, in either style', () => {
    // An official name in the old style stands in a document that writes the new style elsewhere.
    const text = 'ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI\nLan toả giá trị văn hoá, hoà nhập, khoẻ mạnh.\nCong tac hoa giai';
    const restored = restoreDiacritics(text, model).text;
    expect(restored.split('\n')[0]).toBe('ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI');
    expect(restored.split('\n')[1]).toBe('Lan toả giá trị văn hoá, hoà nhập, khoẻ mạnh.');
    expect(restored.split('\n')[2]).toBe('Công tác hoà giải');
  });
});
