/**
 * Cost of restoration, extraction, checks and scoring as a text grows (issue 21): sample 416
 * repeated to 1, 2 and 4 MB, each computed as the finish job computes it, timed per stage.
 * Cost should grow in proportion to the size (seconds per MB roughly flat). Asserts nothing.
 *   npm run bench:large-text [-- --sizes 1,2,4]
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Page, StageName } from '../core/contracts';
import { silentLogger } from '../core/logger';
import { shippedFile } from '../core/paths';
import { DEFAULT_MODEL_DIR, loadModel } from '../diacritics/load-model';
import { KeyClassifier } from '../extractors/classify-key';
import { computeFinish, type ComputeContext } from '../pipeline/compute-finish';
import { loadRubric } from '../scoring/rubric';

const Args = z.object({ sizes: z.string().default('1,2,4').transform((s) => s.split(',').map((n) => z.coerce.number().positive().parse(n))) });

function textPage(text: string): Page {
  return { number: 1, imageRef: null, width: 0, height: 0, dpi: null, textSource: 'text-file', route: 'text file', text, lines: [], meanConfidence: null, skipped: null };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const args = Args.parse({ sizes: argv[argv.indexOf('--sizes') + 1] ?? undefined });
  const sample = await readFile(shippedFile('samples', 'gia-lai-416-qd-ubnd-2021.ocr.txt'), 'utf8');
  const model = await loadModel(DEFAULT_MODEL_DIR);
  const rubric = await loadRubric();
  const ctx: ComputeContext = { model: async () => model, rubric: async () => rubric, classifier: KeyClassifier.fromBundledTaxonomy(), toneStyle: 'document', logger: silentLogger };
  // A first small run, so the near-miss index and other lazy parts are built before timing.
  await computeFinish('warm-up.txt', [textPage(sample)], ctx);
  for (const mb of args.sizes) {
    let text = '';
    while (text.length < mb * 1024 * 1024) text += `${sample}\n\n`;
    const times: Partial<Record<StageName, number>> = {};
    let stageStart = performance.now();
    const started = stageStart;
    const run = await computeFinish(`${mb}mb.txt`, [textPage(text)], ctx, (event) => {
      if (event.state === 'started') stageStart = performance.now();
      else times[event.stage] = (performance.now() - stageStart) / 1000;
    });
    const seconds = (performance.now() - started) / 1000;
    const stages = Object.entries(times).map(([stage, s]) => `${stage} ${s.toFixed(1)} s`).join(', ');
    console.log(`${mb} MB: ${seconds.toFixed(1)} s (${(seconds / mb).toFixed(1)} s/MB; ${stages}); ${run.indicators.length} indicators, ${run.checks.length} checks`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
