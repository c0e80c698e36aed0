/** `sohoa run <paths...>`: the whole pipeline over files, with outputs per document and one CSV. */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { createApp, type App } from '../../app/create-app';
import type { ProgressEvent } from '../../pipeline/context';
import type { AppConfig } from '../../core/config';
import type { Logger } from '../../core/logger';
import { checkDocumentsTogether, flagDocumentsTogether, type CheckableDocument } from '../../pipeline/check-documents-together';
import { indicatorsCsv, writeDocumentOutputs } from '../../pipeline/write-outputs';
import { EXIT_OK, EXIT_SOME_FAILED } from '../exit-codes';
import { createProgress } from '../progress';

export async function runCommand(paths: string[], outDir: string, force: boolean, config: AppConfig, logger: Logger): Promise<number> {
  const interactive = Boolean(process.stderr.isTTY) && !process.env.CI;
  const progress = createProgress(paths.length, logger, interactive);
  const app = await createApp(config, interactive ? { ...logger, info: () => undefined } : logger, { onProgress: (e) => progress.onProgress(e) });
  const done: Array<CheckableDocument & { documentId: string; dir: string }> = [];
  let failed = 0;
  // Redis workers run elsewhere: their progress is read back from the database.
  const follower = config.queue === 'redis' ? followFromDatabase(app, (e) => progress.onProgress(e)) : null;
  try {
    const outcomes = await app.processFiles(paths.map((p) => resolve(p)), { force, onSubmitted: (id) => follower?.track(id) });
    follower?.stop();
    progress.stop();
    await mkdir(outDir, { recursive: true });
    const folderFor = outputFolderNames(paths, outcomes.map((o) => (o.state === 'completed' ? o.result.results.document.id : null)));
    for (const [i, outcome] of outcomes.entries()) {
      const path = paths[i]!;
      if (outcome.state === 'failed') {
        failed++;
        logger.error(outcome.error);
        continue;
      }
      const { results, reused } = outcome.result;
      const dir = await writeDocumentOutputs(outDir, folderFor[i]!, results, app.blobs);
      done.push({ documentId: results.document.id, dir, name: results.document.filename, metadata: results.document.metadata, indicators: results.indicators, text: results.restoredText });
      logger.info(`${path}: ${results.document.pageCount} page(s), ${results.indicators.length} indicators, score ${results.score.total === null ? 'withheld' : `${results.score.total}/${results.score.maxTotal}`}${reused ? ' (stored results)' : ''} -> ${dir}`);
    }
    const across = checkDocumentsTogether(done);
    if (across.length > 0) {
      const file = join(outDir, 'checks-across.json');
      await writeFile(file, JSON.stringify(across, null, 2) + '\n');
      logger.info(`${across.filter((c) => c.result === 'fails').length} of ${across.length} checks across documents fail -> ${file}`);
      // A record a failed check across documents read carries the flag into the database, review and exports.
      const flagged = flagDocumentsTogether(done, across);
      for (const doc of done) {
        const indicators = flagged.get(doc.name);
        if (!indicators) continue;
        doc.indicators = indicators;
        await app.repo.replaceIndicators(doc.documentId, indicators);
        await writeFile(join(doc.dir, 'indicators.json'), JSON.stringify(indicators, null, 2) + '\n');
      }
    }
    const rows = done.flatMap((d) => d.indicators.map((indicator) => ({ documentId: d.documentId, filename: d.name, indicator })));
    const csv = join(outDir, 'indicators.csv');
    await writeFile(csv, indicatorsCsv(rows));
    logger.info(`${paths.length - failed} of ${paths.length} input(s) done; ${rows.length} indicators in ${csv}`);
  } finally {
    follower?.stop();
    progress.stop();
    await app.close();
  }
  return failed > 0 ? EXIT_SOME_FAILED : EXIT_OK;
}

/**
 * Each input's output folder: its file name, or, when inputs with different content share a
 * name (a/doc.txt, b/doc.txt), the name and the start of its content hash, so none overwrites another.
 */
export function outputFolderNames(paths: string[], documentIds: Array<string | null>): string[] {
  const idsByName = new Map<string, Set<string | null>>();
  paths.forEach((path, i) => idsByName.set(basename(path), (idsByName.get(basename(path)) ?? new Set()).add(documentIds[i] ?? null)));
  return paths.map((path, i) => {
    const name = basename(path);
    const id = documentIds[i];
    return idsByName.get(name)!.size > 1 && id ? `${name}-${id.slice(0, 12)}` : name;
  });
}

const FOLLOW_INTERVAL_MS = 1000;

/** Reads the progress of the submitted documents only, once a second, and reports changes. */
function followFromDatabase(app: App, onProgress: (e: ProgressEvent) => void): { track(documentId: string): void; stop(): void } {
  const last = new Map<string, string>();
  const tracked = new Set<string>();
  let busy = false;
  const poll = async () => {
    for (const id of tracked) {
      const d = await app.repo.getProgress(id);
      if (!d || d.state === 'done' || d.state === 'failed') {
        tracked.delete(id);
        continue;
      }
      const key = `${d.stage}:${d.pagesDone}`;
      if (d.state !== 'running' || last.get(d.id) === key) continue;
      last.set(d.id, key);
      onProgress({ documentId: d.id, filename: d.filename, stage: d.stage ?? 'queued', ...(d.stage === 'ocr' ? { page: d.pagesDone, pages: d.pagesPlanned } : {}) });
    }
  };
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    poll()
      .catch(() => undefined)
      .finally(() => (busy = false));
  }, FOLLOW_INTERVAL_MS);
  return { track: (id) => tracked.add(id), stop: () => clearInterval(timer) };
}
