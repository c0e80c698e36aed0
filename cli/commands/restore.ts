/** `sohoa restore [file]`: restored text to stdout; `--json` adds per-syllable confidence and alternatives. */
import { DEFAULT_MODEL_DIR, loadModel } from '../../diacritics/load-model';
import { restoreDiacritics, type ToneStyleChoice } from '../../diacritics/restore-diacritics';
import { EXIT_OK } from '../exit-codes';
import { readTextInput } from '../read-input';

export async function restoreCommand(file: string | undefined, options: { model?: string; toneStyle: ToneStyleChoice; json: boolean }): Promise<number> {
  const [text, model] = await Promise.all([readTextInput(file), loadModel(options.model ?? DEFAULT_MODEL_DIR)]);
  if (options.json) process.stdout.write(JSON.stringify(restoreDiacritics(text, model, { toneStyle: options.toneStyle, explain: true }), null, 2) + '\n');
  else process.stdout.write(restoreDiacritics(text, model, { toneStyle: options.toneStyle }).text);
  return EXIT_OK;
}
