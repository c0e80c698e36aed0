/** One behaviour for every Repository backend (embedded PGlite and PostgreSQL). */
import type { Indicator, Page, PageTask, Score, SohoaDocument } from '../../core/contracts';
import { ConflictError, NotFoundError } from '../../core/errors';
import { reviseWith } from '../../review/revise-indicator';
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
  key: 'videoconf.communes_connected', kind: 'value', value: 184, denominator: 220, unit: 'xã', qualifier: null, percent: 83.64, year: 2020, province: 'Gia Lai',
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

    describe('access: users, tokens, audit', () => {
      it('keeps tokens hashed, authenticates them until revoked, and refuses a second user of a name', async () => {
        const user = await repo.access.createUser('lan', 'reviewer');
        await expect(repo.access.createUser('lan', 'admin')).rejects.toBeInstanceOf(ConflictError);
        const { token, info } = await repo.access.issueToken(user.id, 'laptop');
        expect(token).toMatch(/^sohoa_[A-Za-z0-9_-]{43}$/);
        expect(JSON.stringify(await repo.access.listTokens(user.id))).not.toContain(token);
        expect(await repo.access.authenticate(token)).toEqual(user);
        expect(await repo.access.authenticate(token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))).toBeNull();
        expect(await repo.access.authenticate('not a token')).toBeNull();
        expect(await repo.access.revokeToken(info.id)).toBe(true);
        expect(await repo.access.revokeToken(info.id)).toBe(false);
        expect(await repo.access.authenticate(token)).toBeNull();
        expect(await repo.access.findUser('lan')).toEqual(user);
        expect(await repo.access.countUsers()).toBeGreaterThanOrEqual(1);
      });

      it('lists the audit log newest first', async () => {
        await repo.access.appendAudit({ actor: 'lan', action: 'token.create', target: 'user:lan', detail: { role: 'reviewer' } });
        await repo.access.appendAudit({ actor: 'lan', action: 'export', target: 'dataset' });
        const entries = await repo.access.listAudit({ limit: 2 });
        expect(entries.map((e) => e.action)).toEqual(['export', 'token.create']);
        expect(entries[1]!.detail).toEqual({ role: 'reviewer' });
        expect(await repo.access.listAudit({ limit: 10, target: 'dataset' })).toHaveLength(1);
      });
    });

    describe('review: visibility, search, records, corrections, export', () => {
      const id = 'd1'.repeat(32);
      const restored = 'QUYẾT ĐỊNH về việc phê duyệt; đã kết nối 184/220 xã, đạt tỷ lệ 83,6%.';
      const record = { ...indicator, span: [restored.indexOf('184'), restored.indexOf('184') + 7] as [number, number] };
      let uploader = 0;

      beforeAll(async () => {
        await repo.saveDocument({ ...sampleDocument, id, filename: 'review.txt' });
        await repo.saveFinishedRun({
          document: { ...sampleDocument, id, filename: 'review.txt' }, pages: [], ocrText: 'QUYET DINH', restoredText: restored, restoredBy: 'sohoa/diacritics',
          indicators: [record, { ...record, key: 'unclassified', value: 83.6, denominator: null, valueText: '83,6%', span: [63, 68] }], checks: [], score, storeMessage: null,
        });
        uploader = (await repo.access.createUser('archivist-a', 'archivist')).id;
        const other = await repo.access.createUser('archivist-b', 'archivist');
        await repo.review.recordUpload(id, uploader, 'review.txt');
        await repo.review.recordUpload(id, uploader, 'review.txt');
        expect(other.id).not.toBe(uploader);
      });

      it('shows archivists only what they uploaded', async () => {
        const other = (await repo.access.findUser('archivist-b'))!;
        expect(await repo.review.isVisible(id, { uploadedBy: uploader })).toBe(true);
        expect(await repo.review.isVisible(id, { uploadedBy: other.id })).toBe(false);
        expect(await repo.review.isVisible(id, null)).toBe(true);
        expect((await repo.review.listDocuments({ uploadedBy: uploader }, { limit: 50, offset: 0 })).map((d) => d.id)).toEqual([id]);
        expect(await repo.review.listDocuments({ uploadedBy: other.id }, { limit: 50, offset: 0 })).toEqual([]);
        expect(await repo.review.listIndicators({}, { uploadedBy: other.id }, { limit: 50, offset: 0 })).toEqual([]);
      });

      it('finds text with or without diacritics, and marks mean marks', async () => {
        const paging = { limit: 10, offset: 0 };
        const plain = await repo.review.search('quyet dinh', null, paging);
        expect(plain.map((h) => h.documentId)).toContain(id);
        const hit = plain.find((h) => h.documentId === id)!;
        expect(hit.snippet.slice(hit.match[0], hit.match[1])).toBe('QUYẾT ĐỊNH');
        expect((await repo.review.search('Quyết định', null, paging)).map((h) => h.documentId)).toContain(id);
        expect((await repo.review.search('quyệt định', null, paging)).map((h) => h.documentId)).not.toContain(id);
        expect((await repo.review.search('184/220', null, paging)).map((h) => h.documentId)).toContain(id);
        expect((await repo.review.search('100%_', null, paging)).map((h) => h.documentId)).not.toContain(id);
        expect(await repo.review.search('quyet', { uploadedBy: (await repo.access.findUser('archivist-b'))!.id }, paging)).toEqual([]);
      });

      it('filters records by key, state and flag', async () => {
        const all = await repo.review.listIndicators({ documentId: id }, null, { limit: 50, offset: 0 });
        expect(all.map((r) => [r.ordinal, r.revision, r.indicator.value])).toEqual([[0, 0, 184], [1, 0, 83.6]]);
        expect((await repo.review.listIndicators({ documentId: id, key: 'unclassified' }, null, { limit: 50, offset: 0 })).map((r) => r.ordinal)).toEqual([1]);
        expect((await repo.review.listIndicators({ documentId: id, flag: 'unknown-key' }, null, { limit: 50, offset: 0 })).length).toBe(2);
        expect((await repo.review.listIndicators({ documentId: id, flag: 'no-such-flag' }, null, { limit: 50, offset: 0 })).length).toBe(0);
        expect((await repo.review.listIndicators({ documentId: id, year: 2020, province: 'Gia Lai' }, null, { limit: 1, offset: 1 })).map((r) => r.ordinal)).toEqual([1]);
      });

      it('revises a record with history and audit, refuses a stale revision, and undoes step by step', async () => {
        const [first] = await repo.review.listIndicators({ documentId: id, key: indicator.key }, null, { limit: 1, offset: 0 });
        const corrected = await repo.review.reviseIndicator({ id: first!.id, expectedRevision: 0, action: 'correct', author: 'lan', revise: reviseWith('correct', { value: 185 }) });
        expect(corrected).toMatchObject({ revision: 1, indicator: { value: 185, percent: 84.09, reviewState: 'corrected' } });
        await expect(
          repo.review.reviseIndicator({ id: first!.id, expectedRevision: 0, action: 'accept', author: 'minh', revise: reviseWith('accept', null) }),
        ).rejects.toBeInstanceOf(ConflictError);
        await expect(
          repo.review.reviseIndicator({ id: 999_999, expectedRevision: 0, action: 'accept', author: 'minh', revise: reviseWith('accept', null) }),
        ).rejects.toBeInstanceOf(NotFoundError);
        await repo.review.reviseIndicator({ id: first!.id, expectedRevision: 1, action: 'accept', author: 'minh', revise: reviseWith('accept', null) });
        await repo.review.reviseIndicator({ id: first!.id, expectedRevision: 2, action: 'undo', author: 'minh', revise: reviseWith('undo', null) });
        expect((await repo.review.getIndicator(first!.id))!.indicator).toMatchObject({ value: 185, reviewState: 'corrected' });
        const back = await repo.review.reviseIndicator({ id: first!.id, expectedRevision: 3, action: 'undo', author: 'minh', revise: reviseWith('undo', null) });
        expect(back).toMatchObject({ revision: 4, indicator: { value: 184, reviewState: 'pending' } });
        const history = await repo.review.indicatorHistory(first!.id);
        expect(history.map((h) => [h.revision, h.action, h.author])).toEqual([[1, 'correct', 'lan'], [2, 'accept', 'minh'], [3, 'undo', 'minh'], [4, 'undo', 'minh']]);
        expect(history[0]!.before.value).toBe(184);
        expect(history[0]!.after.value).toBe(185);
        const audit = await repo.access.listAudit({ limit: 10, target: `indicator:${first!.id}` });
        expect(audit.map((a) => a.action)).toEqual(['indicator.undo', 'indicator.undo', 'indicator.accept', 'indicator.correct']);
        await repo.review.reviseIndicator({ id: first!.id, expectedRevision: 4, action: 'correct', author: 'lan', revise: reviseWith('correct', { value: 186 }) });
      });

      it('corrects a span of text as a new version, moves later spans, refuses a stale base, and updates search', async () => {
        const current = (await repo.review.currentText(id))!;
        expect(current).toMatchObject({ kind: 'restored', text: restored });
        const at = restored.indexOf('phê duyệt');
        const { text, correction } = await repo.review.correctText({ documentId: id, baseVersionId: current.versionId, span: [at, at + 3], replacement: 'phé', author: 'lan' });
        expect(text.text).toContain('phé duyệt');
        expect(correction).toMatchObject({ before: 'phê', after: 'phé', baseVersionId: current.versionId, versionId: text.versionId });
        await expect(
          repo.review.correctText({ documentId: id, baseVersionId: current.versionId, span: [at, at + 3], replacement: 'phê', author: 'minh' }),
        ).rejects.toBeInstanceOf(ConflictError);
        const longer = await repo.review.correctText({ documentId: id, baseVersionId: text.versionId, span: [at, at + 3], replacement: 'phê chuẩn và', author: 'lan' });
        const [first] = await repo.review.listIndicators({ documentId: id, key: indicator.key }, null, { limit: 1, offset: 0 });
        const span = first!.indicator.span;
        expect(longer.text.text.slice(span[0], span[1])).toBe('184/220');
        expect((await repo.review.search('phe chuan', null, { limit: 10, offset: 0 })).map((h) => h.documentId)).toContain(id);
        expect((await repo.review.textCorrections(id)).map((c) => c.after)).toEqual(['phé', 'phê chuẩn và']);
      });

      it('exports all or reviewed-only rows with who reviewed them, and keeps reviews through reprocessing', async () => {
        const all = await repo.review.exportRows({ documentId: id }, { reviewedOnly: false, visibility: null });
        expect(all.map((r) => r.record.indicator.reviewState)).toEqual(['corrected', 'pending']);
        const reviewed = await repo.review.exportRows({ documentId: id }, { reviewedOnly: true, visibility: null });
        expect(reviewed.map((r) => [r.record.indicator.value, r.reviewedBy, r.filename])).toEqual([[186, 'lan', 'review.txt']]);

        await repo.saveFinishedRun({
          document: { ...sampleDocument, id, filename: 'review.txt' }, pages: [], ocrText: 'QUYET DINH', restoredText: restored, restoredBy: 'sohoa/diacritics',
          indicators: [record, { ...record, key: 'unclassified', value: 83.6, denominator: null, valueText: '83,6%', span: [63, 68] }], checks: [], score, storeMessage: null,
        });
        const again = await repo.review.exportRows({ documentId: id }, { reviewedOnly: true, visibility: null });
        expect(again.map((r) => [r.record.id, r.record.revision, r.record.indicator.value])).toEqual([[reviewed[0]!.record.id, 5, 186]]);
        expect((await repo.review.currentText(id))!.kind).toBe('reviewed');
      });
    });
  });
}
