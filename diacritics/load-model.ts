/** Loads a model folder: validates the manifest, verifies the checksum, builds the indexes. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { shippedFile } from '../core/paths';
import { ModelError } from '../core/errors';
import { CandidateIndex } from './candidate-index';
import { MANIFEST_FILE_NAME } from './build-model';
import { decodeModel } from './model-file';
import { MODEL_FORMAT, ModelManifest } from './model-manifest';
import { NgramModel } from './ngram-model';
import { ChannelTable, OcrChannel } from './ocr-channel';

export interface DiacriticsModel {
  dir: string;
  manifest: ModelManifest;
  lm: NgramModel;
  candidates: CandidateIndex;
  /** Learned OCR confusions, for garbled text; null when the model was built without one. */
  channel: OcrChannel | null;
}

/** The model that ships in the repository. */
export const DEFAULT_MODEL_DIR = shippedFile('models', 'vi-syllable');

export async function loadModel(dir: string = DEFAULT_MODEL_DIR): Promise<DiacriticsModel> {
  let raw: string;
  try {
    raw = await readFile(join(dir, MANIFEST_FILE_NAME), 'utf8');
  } catch (error) {
    throw new ModelError(`${dir}: no ${MANIFEST_FILE_NAME}; build one with 'sohoa model build'`, error);
  }
  const json: unknown = JSON.parse(raw);
  const format = (json as { format?: unknown } | null)?.format;
  if (typeof format === 'string' && format !== MODEL_FORMAT && format.startsWith('sohoa-syllable-trigram-')) {
    throw new ModelError(`${join(dir, MANIFEST_FILE_NAME)}: a model in format ${format}; this sohoa reads ${MODEL_FORMAT}: rebuild it with 'sohoa model build'`);
  }
  const parsed = ModelManifest.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ModelError(`${join(dir, MANIFEST_FILE_NAME)}: invalid manifest at ${first?.path.join('.') || '(root)'}: ${first?.message}`);
  }
  const manifest = parsed.data;
  const bytes = await readFile(join(dir, manifest.file.name)).catch((error: unknown) => {
    throw new ModelError(`${dir}: model file ${manifest.file.name} is missing`, error);
  });
  const digest = createHash('sha256').update(bytes).digest('hex');
  if (digest !== manifest.file.sha256) {
    throw new ModelError(`${join(dir, manifest.file.name)}: checksum does not match the manifest; rebuild the model`);
  }
  const lm = new NgramModel(decodeModel(bytes, join(dir, manifest.file.name)));
  const candidates = new CandidateIndex(lm.vocab, (id) => lm.count(id));
  return { dir, manifest, lm, candidates, channel: manifest.channel ? await loadChannel(dir, manifest.channel) : null };
}

async function loadChannel(dir: string, entry: NonNullable<ModelManifest['channel']>): Promise<OcrChannel> {
  const file = join(dir, entry.name);
  const bytes = await readFile(file).catch((error: unknown) => {
    throw new ModelError(`${file}: the OCR channel named in the manifest is missing`, error);
  });
  if (createHash('sha256').update(bytes).digest('hex') !== entry.sha256) {
    throw new ModelError(`${file}: checksum does not match the manifest; rebuild the model`);
  }
  const parsed = ChannelTable.safeParse(JSON.parse(bytes.toString('utf8')));
  if (!parsed.success) throw new ModelError(`${file}: not an OCR channel table: ${parsed.error.issues[0]?.message}`);
  return new OcrChannel(parsed.data);
}
