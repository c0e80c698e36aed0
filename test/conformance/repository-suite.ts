/** One behaviour for every Repository backend (embedded PGlite and PostgreSQL). */
import type { Indicator, Page, PageTask, Score, SohoaDocument } from '../../core/contracts';
import type { Repository } from '../../store/repository';

const DOC_ID = 'ab'.repeat(32);

export const sampleDocument: SohoaDocument = {
  id: DOC_ID,
  filename: 'gia-lai-416.pdf',
  mime: 'application/pdf',
  byteSize: 1234,
  pageCount: 1,
  metadata: { type: 'Quyết định', number: '416/QĐ-UBND', date: '2021-07-14', issuer: 'ỦY BAN NHÂN DÂN TỈNH GIA LAI', place: 'Gia Lai', title: null, signer: null, signingCapacity: null, province: 'Gia Lai', year: 2020 },
  createdAt: '2021-07-14T00:00:00.000Z',
};

const page: Page = {
  number: 1, imageRef: 'cd'.repeat(32), width: 2480, height: 3508, dpi: 300, textSource: 'ocr', route: 'scanned page', text: 'QUYẾT ĐỊNH',
  lines: [{ text: 'QUYẾT ĐỊNH', bbox: { x0: 1, y0: 2, x1: 300, y1: 40 }, confidence: 91, words: [{ text: 'QUYẾT', bbox: { x0: 1, y0: 2, x1: 150, y1: 40 }, confidence: 90 }] }],
  meanConfidence: 90, skipped: null,
  quality: { words: 2, meanWordConfidence: 90, dictionaryShare: 1, restoredDictionaryShare: 1, lowConfidenceWords: [] },
};

const indicator: Indicator = {
  key: 'videoconf.communes_connected', value: 184, denominator: 220, unit: 'xã', qualifier: null, percent: 83.64, year: 2020, province: 'Gia Lai',
  entity: null, level: 'commune', phrase: '(184/220 xã)', valueText: '184/220', span: [5, 12], page: 1, confidence: 0.8, flags: ['unknown-key'], reviewState: 'pending',
};

const score: Score = { rubric: 'default@0.1', entity: 'Gia Lai', year: 2020, total: 8.36, maxTotal: 10, coverage: 1, criteria: [] };

export function describeRepository(name: string, open: () => Promise<Repository>): void {
  describe(`Repository conformance: ${name}`, () => {
    let repo: Repository;
    beforeAll(async () => {
      repo = await open();
    });
    afterAll(async () => {
      await repo.close();
    });

    it('migrates twice without harm', async () => {
      await repo.migrate();
      await repo.migrate();
    });

    it('keeps one document per content hash', async () => {
      await repo.saveDocument(sampleDocument);
      await repo.saveDocument({ ...sampleDocument, pageCount: 2 });
      const docs = await repo.listDocuments();
      expect(docs.filter((d) => d.id === DOC_ID)).toHaveLength(1);
      expect(await repo.findDocument(DOC_ID)).toMatchObject({ pageCount: 2, metadata: { number: '416/QĐ-UBND' } });
      expect(await repo.findDocument('ef'.repeat(32))).toBeNull();
    });

    it('stores pages with their words and boxes', async () => {
      await repo.replacePages(DOC_ID, [page]);
      await repo.replacePages(DOC_ID, [page]);
      expect(await repo.getPages(DOC_ID)).toEqual([page]);
    });

    it('keeps every text version and returns the latest of a kind', async () => {
      await repo.addTextVersion({ documentId: DOC_ID, kind: 'restored', text: 'first', author: 'sohoa', createdAt: new Date().toISOString() });
      await repo.addTextVersion({ documentId: DOC_ID, kind: 'restored', text: 'second', author: 'sohoa', createdAt: new Date().toISOString() });
      expect((await repo.latestText(DOC_ID, 'restored'))?.text).toBe('second');
      expect(await repo.latestText(DOC_ID, 'reviewed')).toBeNull();
    });

    it('replaces indicators and scores as whole sets', async () => {
      await repo.replaceIndicators(DOC_ID, [indicator, { ...indicator, value: 403086, denominator: null, unit: 'hồ sơ' }]);
      await repo.replaceIndicators(DOC_ID, [indicator]);
      expect(await repo.getIndicators(DOC_ID)).toEqual([indicator]);
      await repo.saveScore(DOC_ID, score);
      await repo.saveScore(DOC_ID, { ...score, total: 9 });
      expect(await repo.getScores(DOC_ID)).toEqual([{ ...score, total: 9 }]);
    });

    it('replaces consistency checks as a whole set', async () => {
      const check = { id: 'doc:percent:5', description: '184/220 stated as 83.6%', documents: ['doc'], result: 'holds' as const, computed: 83.6364, stated: 83.6, indicators: [0] };
      await repo.replaceChecks(DOC_ID, [check, { ...check, id: 'doc:dates', result: 'fails' as const }]);
      await repo.replaceChecks(DOC_ID, [check]);
      expect(await repo.getChecks(DOC_ID)).toEqual([check]);
    });

    it('records a page plan, one page result at a time, and the state of each document', async () => {
      const id = 'c1'.repeat(32);
      await repo.saveDocument({ ...sampleDocument, id, filename: 'plan.pdf', pageCount: 0 });
      await repo.setStageStatus({ documentId: id, stage: 'ingest', state: 'done', message: null });
      const progressOf = async () => (await repo.listProgress()).find((p) => p.id === id);
      expect(await progressOf()).toMatchObject({ state: 'queued', runId: null, pagesPlanned: 0, pagesDone: 0 });
      await repo.beginRun(id, 'c1'.repeat(32), { reset: false });

      const task: PageTask = { number: 2, imageRef: 'ee'.repeat(32), width: 2480, height: 3508, dpi: 300, route: 'PDF page rendered at 300 dpi' };
      const textPage: Page = { ...page, number: 1, imageRef: null, textSource: 'pdf-text', lines: [], meanConfidence: null };
      await repo.setStageStatus({ documentId: id, stage: 'ocr', state: 'running', message: null });
      await repo.recordPagePlan(id, 2, [textPage], [task]);
      await repo.recordPagePlan(id, 2, [textPage], [task]);
      expect(await repo.getPageTasks(id)).toEqual([task]);
      expect(await repo.getPageTasks(id, 2)).toEqual([task]);
      expect(await repo.getPageTasks(id, 1)).toEqual([]);
      expect((await repo.getPages(id, 1)).map((p) => p.textSource)).toEqual(['pdf-text']);
      expect(await progressOf()).toMatchObject({ state: 'running', stage: 'ocr', pagesPlanned: 2, pagesDone: 1 });

      await repo.savePage(id, { ...page, number: 2, text: 'first try' });
      await repo.savePage(id, { ...page, number: 2 });
      expect((await repo.getPages(id)).map((p) => [p.number, p.text])).toEqual([[1, 'QUYẾT ĐỊNH'], [2, 'QUYẾT ĐỊNH']]);
      expect(await progressOf()).toMatchObject({ pagesDone: 2 });

      await repo.setStageStatus({ documentId: id, stage: 'restore', state: 'failed', message: 'model missing' });
      expect(await progressOf()).toMatchObject({ state: 'failed', stage: 'restore', message: 'model missing' });
      await repo.beginRun(id, 'c1'.repeat(32) + '-r2', { reset: true });
      expect(await repo.getPageTasks(id)).toEqual([]);
      expect(await repo.getProgress(id)).toMatchObject({ state: 'queued', runId: 'c1'.repeat(32) + '-r2', pagesPlanned: 0, pagesDone: 0 });
      expect(await repo.getProgress('c9'.repeat(32))).toBeNull();
    });

    it('saves a finished run in one piece and marks it done', async () => {
      const id = 'c2'.repeat(32);
      const document = { ...sampleDocument, id, filename: 'finished.pdf' };
      await repo.saveDocument(document);
      await repo.saveFinishedRun({
        document: { ...document, pageCount: 1 }, pages: [page], ocrText: 'QUYET DINH', restoredText: 'QUYẾT ĐỊNH', restoredBy: 'sohoa/diacritics',
        indicators: [indicator], checks: [], score, storeMessage: '1 indicator',
      });
      expect(await repo.getPages(id)).toEqual([page]);
      expect(await repo.latestText(id, 'restored')).toMatchObject({ text: 'QUYẾT ĐỊNH', author: 'sohoa/diacritics' });
      expect(await repo.getIndicators(id)).toEqual([indicator]);
      expect((await repo.listProgress()).find((p) => p.id === id)).toMatchObject({ state: 'done', pagesDone: 1 });
    });

    it('records one status per stage', async () => {
      await repo.setStageStatus({ documentId: DOC_ID, stage: 'ocr', state: 'running', message: null });
      await repo.setStageStatus({ documentId: DOC_ID, stage: 'ocr', state: 'done', message: '1 page' });
      const statuses = await repo.getStageStatuses(DOC_ID);
      expect(statuses.filter((s) => s.stage === 'ocr')).toEqual([expect.objectContaining({ state: 'done', message: '1 page' })]);
    });
  });
}
