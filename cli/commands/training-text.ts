/** `sohoa training-text`: reviewers' text corrections from the record, for `sohoa model build --reviewed`. */
import { writeFile } from 'node:fs/promises';
import { openConfiguredRepository } from '../../app/create-app';
import type { AppConfig } from '../../core/config';
import { collectTrainingText } from '../../pipeline/collect-training-text';
import { EXIT_OK } from '../exit-codes';

export async function trainingTextCommand(out: string | undefined, config: AppConfig): Promise<number> {
  const repo = await openConfiguredRepository(config);
  try {
    const { text, documents, corrections } = await collectTrainingText(repo);
    if (out) await writeFile(out, text);
    else process.stdout.write(text);
    process.stderr.write(`${corrections} corrections in ${documents} documents${out ? ` written to ${out}` : ''}\n`);
    return EXIT_OK;
  } finally {
    await repo.close();
  }
}
