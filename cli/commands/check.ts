/**
 * `sohoa check <paths...>`: consistency checks as a JSON array. Takes any input `sohoa run`
 * takes (the text is OCR'd, restored and extracted first, nothing is stored) and
 * indicators.json files (checks that need only the records).
 */
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { z } from 'zod';
import { createStageRuntime } from '../../app/create-app';
import type { AppConfig } from '../../core/config';
import { Indicator, type CheckResult } from '../../core/contracts';
import { describeError, InputError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { checkDocument } from '../../pipeline/check-document';
import { checkDocumentsTogether, type CheckableDocument } from '../../pipeline/check-documents-together';
import { extractFacts } from '../../pipeline/extract-facts';
import { ingestFile } from '../../pipeline/ingest-file';
import { loadPages } from '../../pipeline/load-pages';
import { recognizePages } from '../../pipeline/recognize-pages';
import { restoreText } from '../../pipeline/restore-text';
import { checkConsistency } from '../../scoring/check-consistency';
import { EXIT_OK, EXIT_SOME_FAILED } from '../exit-codes';

export async function checkCommand(paths: string[], config: AppConfig, logger: Logger): Promise<number> {
  const runtime = createStageRuntime({ ...config, ephemeral: true }, logger);
  const results: CheckResult[] = [];
  const documents: CheckableDocument[] = [];
  let failed = 0;
  try {
    for (const path of paths) {
      try {
        if (path.endsWith('.json')) {
          const parsed = z.array(Indicator).safeParse(JSON.parse(await readFile(path, 'utf8')));
          if (!parsed.success) throw new InputError('BAD_INPUT', path, 'not an indicators.json array');
          results.push(...checkConsistency(basename(path), '', parsed.data).checks);
          documents.push({ name: basename(path), metadata: null, indicators: parsed.data, text: '' });
          continue;
        }
        const file = await ingestFile(resolve(path), runtime.ctx);
        const pages = await recognizePages(file, await loadPages(file, runtime.ctx), runtime.ctx);
        const restored = await restoreText(pages, runtime.ctx);
        const facts = await checkDocument(file.filename, restored, await extractFacts(restored, pages, runtime.ctx), runtime.ctx);
        results.push(...facts.checks);
        documents.push({ name: file.filename, metadata: facts.metadata, indicators: facts.indicators, text: restored.text });
      } catch (error) {
        failed++;
        logger.error(describeError(error));
      }
    }
  } finally {
    await runtime.close();
  }
  results.push(...checkDocumentsTogether(documents));
  process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  return failed > 0 ? EXIT_SOME_FAILED : EXIT_OK;
}
