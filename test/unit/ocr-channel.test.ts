import { learnChannel, segmentPair } from '../../diacritics/learn-channel';
import { OcrChannel } from '../../diacritics/ocr-channel';

describe('the learned OCR channel', () => {
  it('segments a garbled token against its syllable into substring substitutions', () => {
    expect(segmentPair('chức', 'chirc')).toEqual([['c', 'c'], ['h', 'h'], ['ứ', 'ir'], ['c', 'c']]);
    expect(segmentPair('số', 's6')).toEqual([['s', 's'], ['ố', '6']]);
    expect(segmentPair('xã', 'x3')).toEqual([['x', 'x'], ['ã', '3']]);
  });

  it('learns which confusions are likely from pairs', () => {
    const pairs: Array<[string, string]> = [
      ['tử', 'tir'], ['từ', 'tir'], ['chức', 'chirc'], ['sửa', 'sira'], ['số', 's6'], ['tổ', 't6'], ['xã', 'x3'], ['xã', 'x4'],
      ['tin', 'tin'], ['cơ', 'co'], ['điện', 'dién'], ['quyền', 'quyén'],
    ];
    const channel = new OcrChannel(learnChannel(pairs));
    expect(channel.logProb('tir', 'tử')).toBeGreaterThan(channel.logProb('tir', 'tin'));
    expect(channel.logProb('x3', 'xã')).toBeGreaterThan(channel.logProb('x3', 'xi'));
    expect(channel.logProb('s6', 'số')).toBeGreaterThan(channel.logProb('s6', 'sáu'));
    expect(channel.logProb('dién', 'điện')).toBeGreaterThan(channel.logProb('dién', 'diễn'));
  });
});
