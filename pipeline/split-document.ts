/**
 * Stage 2 as a job: turn a stored file into its page plan (text pages final at once, image
 * pages kept as blobs) and fan out one OCR job per image page, with the finish job as their
 * parent. Safe to run again: a recorded plan is reused and only pages without a result are
 * enqueued.
 */
import type { Page, PageTask } from '../core/contracts';
import { NotFoundError } from '../core/errors';
import type { QueueingContext } from './context';
import { FinishPayload, JOB, JOB_RETRY, jobId, PagePayload, type SplitPayload } from './document-jobs';
import { loadPages, textPage } from './load-pages';

export interface SplitSummary {
  pages: number;
  ocrPages: number;
  /** Page jobs enqueued by this run of the split (fewer than ocrPages when resumed). */
  enqueued: number;
}

export async function splitDocument(input: SplitPayload, ctx: QueueingContext): Promise<SplitSummary> {
  const document = await ctx.repo.findDocument(input.documentId);
  if (!document) throw new NotFoundError(`${input.filename}: document ${input.documentId.slice(0, 12)} is not in the database; submit the file again`);
  const mark = (state: 'running' | 'done', message: string | null) => ctx.repo.setStageStatus({ documentId: input.documentId, stage: 'ocr', state, message });

  if (document.pageCount === 0) await mark('running', 'splitting into pages');
  const { pageCount, tasks }: PagePlan =
    document.pageCount === 0 ? await planPages(input, ctx) : { pageCount: document.pageCount, tasks: await ctx.repo.getPageTasks(input.documentId) };
  const done = new Set((await ctx.repo.getPages(input.documentId)).map((p) => p.number));
  const pending = tasks.filter((t) => !done.has(t.number));
  await mark('running', `${pageCount} page(s), ${tasks.length} to OCR`);

  // Failed jobs of this run are cleared here, the one place the flow is added, so their ids can be used again.
  const clearIfFailed = async (name: string, id: string) => {
    if ((await ctx.queue.state(name, id)) === 'failed') await ctx.queue.remove(name, id);
  };
  await clearIfFailed(JOB.finish, jobId.finish(input.runId));
  for (const task of pending) await clearIfFailed(JOB.page, jobId.page(input.runId, task.number));
  const finish: FinishPayload = { documentId: input.documentId, runId: input.runId, filename: input.filename };
  await ctx.queue.addFlow(
    { name: JOB.finish, data: finish, jobId: jobId.finish(input.runId) },
    pending.map((task) => ({
      name: JOB.page,
      data: { documentId: input.documentId, runId: input.runId, filename: input.filename, page: task.number, pages: pageCount } satisfies PagePayload,
      jobId: jobId.page(input.runId, task.number),
    })),
    JOB_RETRY,
  );
  return { pages: pageCount, ocrPages: tasks.length, enqueued: pending.length };
}

interface PagePlan {
  pageCount: number;
  tasks: PageTask[];
}

async function planPages(input: SplitPayload, ctx: QueueingContext): Promise<PagePlan> {
  const bytes = await ctx.blobs.get(input.documentId);
  const sources = await loadPages({ path: input.filename, filename: input.filename, documentId: input.documentId, mime: input.mime, bytes }, ctx);
  const textPages: Page[] = [];
  const tasks: PageTask[] = [];
  for (const source of sources) {
    if (source.kind === 'text') {
      textPages.push(textPage(source));
      continue;
    }
    const imageRef = await ctx.blobs.put(source.image);
    tasks.push({ number: source.number, imageRef, width: source.width, height: source.height, dpi: source.dpi, route: source.route });
  }
  await ctx.repo.recordPagePlan(input.documentId, sources.length, textPages, tasks);
  ctx.logger.debug(`${input.filename}: ${sources.map((p) => `page ${p.number}: ${p.route}`).join('; ')}`);
  return { pageCount: sources.length, tasks };
}
