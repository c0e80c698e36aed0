/** A progress bar on a terminal, plain log lines otherwise (CI logs, pipes). */
import { SingleBar, Presets } from 'cli-progress';
import type { Logger } from '../core/logger';
import type { ProgressEvent } from '../pipeline/context';

export interface ProgressReporter {
  onProgress(event: ProgressEvent): void;
  documentDone(): void;
  stop(): void;
}

export function createProgress(total: number, logger: Logger, interactive: boolean): ProgressReporter {
  if (!interactive) {
    return {
      onProgress: (e) => logger.info(`${e.filename}: ${e.stage}${e.page ? ` page ${e.page}/${e.pages}` : ''}`),
      documentDone: () => undefined,
      stop: () => undefined,
    };
  }
  const bar = new SingleBar({ format: 'sohoa [{bar}] {value}/{total} documents | {status}', hideCursor: true }, Presets.shades_classic);
  bar.start(total, 0, { status: 'starting' });
  return {
    onProgress: (e) => bar.update({ status: `${e.filename}: ${e.stage}${e.page ? ` ${e.page}/${e.pages}` : ''}` }),
    documentDone: () => bar.increment(),
    stop: () => bar.stop(),
  };
}
