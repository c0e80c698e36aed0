/**
 * The page job: OCR one planned page and record it. Idempotent: a page already recorded (the
 * job redone after a crash) is not OCR'd again.
 */
import type { Page } from '../core/contracts';
import type { RecordingContext } from './context';
import type { PagePayload } from './document-jobs';
import { recognizePage } from './recognize-page';

export async function ocrPage(input: PagePayload, ctx: RecordingContext): Promise<Pick<Page, 'number' | 'meanConfidence' | 'skipped'>> {
  const [recorded] = await ctx.repo.getPages(input.documentId, input.page);
  if (recorded) return { number: recorded.number, meanConfidence: recorded.meanConfidence, skipped: recorded.skipped };
  const [task] = await ctx.repo.getPageTasks(input.documentId, input.page);
  if (!task) throw new Error(`${input.filename}: page ${input.page} is not in the page plan`);
  const page = await recognizePage(input.filename, task, await ctx.blobs.get(task.imageRef), ctx);
  await ctx.repo.savePage(input.documentId, page);
  return { number: page.number, meanConfidence: page.meanConfidence, skipped: page.skipped };
}
