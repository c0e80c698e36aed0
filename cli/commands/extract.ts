/** `sohoa extract [file]`: indicator records (JSON) from text; restores diacritics first unless told not to. */
import { DEFAULT_MODEL_DIR, loadModel } from '../../diacritics/load-model';
import { restoreDiacritics } from '../../diacritics/restore-diacritics';
import { extractIndicators } from '../../extractors/extract-indicators';
import { extractMetadata } from '../../extractors/extract-metadata';
import { EXIT_OK } from '../exit-codes';
import { readTextInput } from '../read-input';

export async function extractCommand(file: string | undefined, options: { model?: string; restore: boolean; metadata: boolean }): Promise<number> {
  let text = await readTextInput(file);
  if (options.restore) text = restoreDiacritics(text, await loadModel(options.model ?? DEFAULT_MODEL_DIR)).text;
  const metadata = extractMetadata(text);
  const indicators = extractIndicators(text, { metadata });
  const output = options.metadata ? { metadata, indicators } : indicators;
  process.stdout.write(JSON.stringify(output, null, 2) + '\n');
  return EXIT_OK;
}
