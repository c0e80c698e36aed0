/**
 * Entry of the finish thread: restoration, extraction, checks and scoring of one document at a
 * time, off the main thread, so a large text never stalls the server's requests or its
 * signals. Loads its own model and rubric once; requests run in the order they came.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Page } from '../core/contracts';
import { describeError, isSohoaError } from '../core/errors';
import type { Logger } from '../core/logger';
import { loadModel, type DiacriticsModel } from '../diacritics/load-model';
import { KeyClassifier } from '../extractors/classify-key';
import { loadRubric, type Rubric } from '../scoring/rubric';
import { computeFinish, type ComputeContext } from './compute-finish';
import { FinishRequest, FinishThreadSettings, type FinishReply } from './finish-messages';

function serve(port: NonNullable<typeof parentPort>): void {
  const settings = FinishThreadSettings.parse(workerData);
  const post = (reply: FinishReply) => port.postMessage(reply);
  const log = (level: 'info' | 'warn' | 'error' | 'debug') => (message: string) => post({ id: 0, kind: 'log', level, message });
  const logger: Logger = { info: log('info'), warn: log('warn'), error: log('error'), debug: log('debug') };
  let model: Promise<DiacriticsModel> | null = null;
  let rubric: Promise<Rubric> | null = null;
  const ctx: ComputeContext = {
    model: () => (model ??= loadModel(settings.modelDir)),
    rubric: () => (rubric ??= loadRubric(settings.rubricFile ?? undefined)),
    classifier: KeyClassifier.fromBundledTaxonomy(),
    toneStyle: settings.toneStyle,
    logger,
  };
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (message: unknown) => {
    const request = FinishRequest.parse(message);
    queue = queue.then(async () => {
      try {
        const run = await computeFinish(request.filename, request.pages as Page[], ctx, (event) => post({ id: request.id, kind: 'stage', event }));
        post({ id: request.id, kind: 'done', run });
      } catch (error) {
        const code = isSohoaError(error) ? error.code : null;
        post({ id: request.id, kind: 'failed', error: { code, retryable: isSohoaError(error) && error.retryable, message: describeError(error) } });
      }
    });
  });
}

if (parentPort) serve(parentPort);
