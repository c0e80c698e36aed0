import type { Indicator } from '../../core/contracts';
import type { IndicatorRevision, TextCorrection } from '../../core/review';
import { prioritizeReview } from '../../review/prioritize-review';
import { correctIndicator, undoLastAction } from '../../review/revise-indicator';
import { correctedSpans, linesHolding } from '../../review/training-text';

const record: Indicator = {
  key: 'admin_procedures.dossiers_received', kind: 'value', value: 3525, denominator: null, unit: 'chứng thư', qualifier: 'hơn', percent: null, bounds: [3525, null],
  year: 2020, province: 'Gia Lai', entity: null, level: null, phrase: 'hơn 3.525', valueText: '3.525', span: [4, 9], page: 1, confidence: 0.6, flags: ['qualifier'], reviewState: 'pending',
};

const revision = (n: number, action: IndicatorRevision['action'], before: Partial<Indicator>, after: Partial<Indicator>): IndicatorRevision => ({
  id: n, indicatorId: 1, documentId: 'ab'.repeat(32), revision: n, action, before: { ...record, ...before }, after: { ...record, ...after }, author: 'lan', createdAt: '2026-11-24T00:00:00Z',
});

describe('review actions', () => {
  it('recomputes what follows from a corrected value: percentage and the bounds its qualifier sets', () => {
    expect(correctIndicator(record, { value: 3600 })).toMatchObject({ value: 3600, bounds: [3600, null], reviewState: 'corrected' });
    expect(correctIndicator(record, { qualifier: null })).toMatchObject({ bounds: [3525, 3525] });
    expect(correctIndicator({ ...record, value: 184, denominator: 220, percent: 83.64 }, { value: 185 })).toMatchObject({ percent: 84.09 });
    expect(correctIndicator({ ...record, value: 184, denominator: 220, percent: 83.64 }, { denominator: null })).toMatchObject({ percent: null });
    expect(correctIndicator(record, { unit: 'hồ sơ' })).toMatchObject({ unit: 'hồ sơ', value: 3525, bounds: [3525, null] });
  });

  it('undoes step by step: each undo goes one action further back, and says when nothing is left', () => {
    const history = [revision(1, 'correct', { value: 3525 }, { value: 3600 }), revision(2, 'accept', { value: 3600 }, { value: 3600, reviewState: 'accepted' })];
    expect(undoLastAction(history)).toMatchObject({ value: 3600, reviewState: 'pending' });
    const once = [...history, revision(3, 'undo', {}, {})];
    expect(undoLastAction(once).value).toBe(3525);
    const twice = [...once, revision(4, 'undo', {}, {})];
    expect(() => undoLastAction(twice)).toThrow(/nothing to undo/);
    expect(() => undoLastAction([])).toThrow(/nothing to undo/);
  });

  it('puts records that feed scored criteria and contradict checks first, and leaves sure, reviewed ones out', () => {
    const base = { documentId: 'ab'.repeat(32), ordinal: 0, revision: 0 };
    const items = prioritizeReview(
      [
        { ...base, id: 1, indicator: { ...record, key: 'other', flags: ['qualifier'] } },
        { ...base, id: 2, indicator: { ...record, flags: ['check-failed:breakdown-numerators'] } },
        { ...base, id: 3, indicator: { ...record, confidence: 0.99, flags: [] } },
        { ...base, id: 4, indicator: { ...record, reviewState: 'accepted' } },
      ],
      new Map([[record.key, 0.2]]),
    );
    expect(items.map((i) => i.record.id)).toEqual([2, 1]);
    expect(items[0]!.reasons).toEqual(['confidence 0.60', 'check-failed:breakdown-numerators']);
  });
});

describe('training text from text corrections', () => {
  const correction = (id: number, span: [number, number], before: string, after: string): TextCorrection => ({
    id, documentId: 'ab'.repeat(32), baseVersionId: id, versionId: id + 1, span, before, after, author: 'lan', createdAt: '2026-11-24T00:00:00Z',
  });

  it('carries each correction to its place in the final text and gives the lines that hold them', () => {
    // "Quyet dinh\\nve viec phe duyet\\nke hoach" corrected in three steps.
    let text = 'Quyet dinh\nve viec phe duyet\nke hoach';
    const corrections = [correction(1, [19, 22], 'phe', 'phê'), correction(2, [0, 5], 'Quyet', 'Quyết định của'), correction(3, [32 + 9, 35 + 9], 'hoa', 'hoạ')];
    for (const c of corrections) text = text.slice(0, c.span[0]) + c.after + text.slice(c.span[1]);
    const spans = correctedSpans(corrections);
    expect(spans.map(([s, e]) => text.slice(s, e))).toEqual(['Quyết định của', 'phê', 'hoạ']);
    expect(linesHolding(text, spans)).toEqual(['Quyết định của dinh', 've viec phê duyet', 'ke hoạch']);
  });

  it('keeps only the latest correction of the same words', () => {
    const spans = correctedSpans([correction(1, [0, 3], 'phe', 'phé'), correction(2, [0, 3], 'phé', 'phê')]);
    expect(spans).toEqual([[0, 3]]);
  });
});
