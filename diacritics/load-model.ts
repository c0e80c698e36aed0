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
import { AcronymFile, AcronymTable } from './acronym-table';

export interface DiacriticsModel {
  dir: string;
  manifest: ModelManifest;
  lm: NgramModel;
  candidates: CandidateIndex;
  /** Learned OCR confusions, for garbled text; null when the model was built without one. */
  channel: OcrChannel | null;
  /** Acronyms and code parts as the corpus writes them; null for a model built without. */
  acronyms: AcronymTable | null;
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
  const [channel, acronyms] = await Promise.all([
    manifest.channel ? loadChannel(dir, manifest.channel) : null,
    manifest.acronyms ? loadAcronyms(dir, manifest.acronyms) : null,
  ]);
  return { dir, manifest, lm, candidates, channel, acronyms };
}

/** A file the manifest names, checked against its checksum. */
async function readListedFile(dir: string, name: string, sha256: string, what: string): Promise<Buffer> {
  const file = join(dir, name);
  const bytes = await readFile(file).catch((error: unknown) => {
    throw new ModelError(`${file}: the ${what} named in the manifest is missing`, error);
  });
  if (createHash('sha256').update(bytes).digest('hex') !== sha256) {
    throw new ModelError(`${file}: checksum does not match the manifest; rebuild the model`);
  }
  return bytes;
}

async function loadAcronyms(dir: string, entry: NonNullable<ModelManifest['acronyms']>): Promise<AcronymTable> {
  const bytes = await readListedFile(dir, entry.name, entry.sha256, 'acronym table');
  const parsed = AcronymFile.safeParse(JSON.parse(bytes.toString('utf8')));
  if (!parsed.success) throw new ModelError(`${join(dir, entry.name)}: not an acronym table: ${parsed.error.issues[0]?.message} at ${parsed.error.issues[0]?.path.join('.')}`);
  return new AcronymTable(parsed.data);
}

async function loadChannel(dir: string, entry: NonNullable<ModelManifest['channel']>): Promise<OcrChannel> {
  const file = join(dir, entry.name);
  const bytes = await readListedFile(dir, entry.name, entry.sha256, 'OCR channel');
  const parsed = ChannelTable.safeParse(JSON.parse(bytes.toString('utf8')));
  if (!parsed.success) throw new ModelError(`${file}: not an OCR channel table: ${parsed.error.issues[0]?.message}`);
  return new OcrChannel(parsed.data);
}
