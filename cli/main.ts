/** The sohoa command line: thin wrappers that parse options, build the app and map errors to exit codes. */
import { Command, CommanderError, Option } from 'commander';
import { z } from 'zod';
import { resolveConfig, stepsFrom, type AppConfig } from '../core/config';
import { UsageError } from '../core/errors';
import type { Role } from '../core/review';
import { createStderrLogger } from '../core/logger';
import { checkCommand } from './commands/check';
import { extractCommand } from './commands/extract';
import { modelBuildCommand } from './commands/model-build';
import { modelEvalCommand } from './commands/model-eval';
import { ocrCommand, type OcrFormat } from './commands/ocr';
import { restoreCommand } from './commands/restore';
import type { ToneStyleChoice } from '../diacritics/restore-diacritics';
import { runCommand } from './commands/run';
import { recoverCommand } from './commands/recover';
import { scoreCommand } from './commands/score';
import { statusCommand } from './commands/status';
import { workerCommand } from './commands/worker';
import { JOB_NAMES, type JobName } from '../pipeline/document-jobs';
import { EXIT_OK, EXIT_USAGE, reportFatal } from './exit-codes';

const version = (require('../../package.json') as { version: string }).version;

const Int = (name: string) => (value: string) => {
  const parsed = z.coerce.number().int().positive().safeParse(value);
  if (!parsed.success) throw new UsageError(`${name} takes a positive whole number, not '${value}'`);
  return parsed.data;
};

interface GlobalFlags {
  data?: string;
  quiet?: boolean;
  verbose?: boolean;
}

function configFrom(flags: GlobalFlags & Record<string, unknown>): AppConfig {
  return resolveConfig({
    dataDir: flags.data,
    ocrMode: flags.ocr as AppConfig['ocrMode'] | undefined,
    preprocess: stepsFrom(flags.preprocess as string | undefined) as AppConfig['preprocess'] | undefined,
    ocrWorkers: flags.ocrWorkers as number | undefined,
    ocrEngine: flags.ocrEngine as AppConfig['ocrEngine'] | undefined,
    tessdata: flags.tessdata as string | undefined,
    modelDir: flags.model as string | undefined,
    rubricFile: flags.rubric as string | undefined,
    toneStyle: flags.toneStyle as AppConfig['toneStyle'] | undefined,
    maxPixels: flags.maxPixels as number | undefined,
    maxPages: flags.maxPages as number | undefined,
    queue: flags.queue as AppConfig['queue'] | undefined,
  });
}

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('sohoa')
    .description('Digitize Vietnamese government documents: OCR, diacritics, indicators, scores')
    .version(version)
    .option('--data <dir>', 'data folder for the embedded database and blobs (env SOHOA_DATA_DIR)', undefined)
    .option('-q, --quiet', 'only warnings and errors')
    .option('-v, --verbose', 'debug output')
    .exitOverride()
    .showHelpAfterError();
  const logger = () => {
    const flags = program.opts<GlobalFlags>();
    return createStderrLogger({ quiet: flags.quiet, verbose: flags.verbose });
  };
  const ocrMode = new Option('--ocr <mode>', 'when to OCR PDF pages').choices(['auto', 'always', 'never']).default('auto');
  const preprocess = new Option('--preprocess <steps>', 'image clean-up before OCR: any of normalize,denoise,orient,deskew,upscale, or none (default normalize,orient,deskew,upscale; env SOHOA_PREPROCESS)');
  const queueOption = () =>
    new Option('--queue <kind>', 'embedded: jobs run in this process; redis: BullMQ on REDIS_URL, needs DATABASE_URL (env SOHOA_QUEUE)').choices(['embedded', 'redis']);
  const ocrEngine = () =>
    new Option('--ocr-engine <engine>', 'wasm: tesseract.js (default, nothing to install); native: the tesseract CLI (Debian: tesseract-ocr tesseract-ocr-vie); auto: native when it is installed with vie data (env SOHOA_OCR_ENGINE)').choices(['auto', 'wasm', 'native']);
  const tessdata = () => new Option('--tessdata <dir>', 'folder of traineddata files to read instead of the engine\'s own (env SOHOA_TESSDATA)');
  const toneStyle = new Option('--tone-style <style>', 'tone mark placement of restored text: old (hòa), new (hoà), or document: as the document writes it').choices(['old', 'new', 'document']).default('document');
  const modelToneStyle = new Option('--tone-style <style>', 'tone mark placement of the model: old (hòa) or new (hoà)').choices(['old', 'new']).default('old');
  const dictionary = () =>
    new Option('--dictionary <list>', 'word list whose syllables join the vocabulary: cspell-vi-vn (the npm package @cspell/dict-vi-vn) or none').choices(['cspell-vi-vn', 'none']).default('cspell-vi-vn');

  program
    .command('run')
    .description('process files through the whole pipeline')
    .argument('<paths...>', 'files: .txt .pdf .png .jpg .jpeg .tif .tiff')
    .option('-o, --out <dir>', 'output folder', './out')
    .option('--force', 'reprocess files already in the database')
    .addOption(ocrMode)
    .addOption(preprocess)
    .addOption(toneStyle)
    .option('--ocr-workers <n>', 'OCR worker threads (default: the cores)', Int('--ocr-workers'))
    .addOption(ocrEngine())
    .addOption(tessdata())
    .option('--model <dir>', 'diacritics model folder')
    .option('--rubric <file>', 'scoring rubric (JSON)')
    .option('--max-pixels <n>', 'largest image accepted, in pixels', Int('--max-pixels'))
    .option('--max-pages <n>', 'most pages or TIFF frames one file may have (default 2,000)', Int('--max-pages'))
    .addOption(queueOption())
    .action(async (paths: string[], flags: Record<string, unknown>) => {
      const config = configFrom({ ...program.opts(), ...flags });
      setExit(await runCommand(paths, String(flags.out), Boolean(flags.force), config, logger()));
    });

  const Stages = (value: string): JobName[] => {
    const stages = value.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = stages.filter((s) => !(JOB_NAMES as string[]).includes(s));
    if (unknown.length > 0 || stages.length === 0) throw new UsageError(`--stages takes a comma-separated list of ${JOB_NAMES.join(', ')}, not '${value}'`);
    return stages as JobName[];
  };
  program
    .command('worker')
    .description('take document jobs from Redis (REDIS_URL; database from DATABASE_URL) until SIGTERM, then drain')
    .option('--concurrency <n>', 'jobs at a time, of any kind (about one core each)', Int('--concurrency'), 1)
    .option('--stages <list>', `job kinds to take: ${JOB_NAMES.join(',')}`, Stages, JOB_NAMES)
    .addOption(ocrEngine())
    .addOption(tessdata())
    .option('--model <dir>', 'diacritics model folder')
    .option('--rubric <file>', 'scoring rubric (JSON)')
    .addOption(ocrMode)
    .addOption(preprocess)
    .addOption(toneStyle)
    .action(async (flags: Record<string, unknown>) => {
      const config = configFrom({ ...program.opts(), ...flags, queue: 'redis' });
      setExit(await workerCommand(flags.stages as JobName[], flags.concurrency as number, config, logger()));
    });

  program
    .command('serve')
    .description('the archive server: review page at /review, API at /api (described at /api/openapi.json); prints an admin token on first start')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port', Int('--port'), 3000)
    .addOption(queueOption())
    .action(async (flags: Record<string, unknown>) => {
      // Loaded on demand: the web stack is not needed by the other commands.
      const { serveCommand } = await import('./commands/serve.js');
      setExit(await serveCommand(String(flags.host), flags.port as number, configFrom({ ...program.opts(), ...flags }), logger()));
    });

  const token = program.command('token').description('API tokens for the server');
  token
    .command('create')
    .description('create a user with a role (or take an existing one) and print a new token once')
    .requiredOption('--name <name>', 'user name')
    .addOption(new Option('--role <role>', 'role of a new user').choices(['admin', 'archivist', 'reviewer', 'researcher']))
    .action(async (flags: Record<string, unknown>) => {
      const { tokenCreateCommand } = await import('./commands/token.js');
      setExit(await tokenCreateCommand(flags.role as Role | undefined, String(flags.name), configFrom({ ...program.opts(), ...flags })));
    });

  program
    .command('training-text')
    .description("reviewers' corrections of restored text as training lines (for sohoa model build --reviewed)")
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .action(async (flags: Record<string, unknown>) => {
      const { trainingTextCommand } = await import('./commands/training-text.js');
      setExit(await trainingTextCommand(flags.out as string | undefined, configFrom({ ...program.opts(), ...flags })));
    });

  program
    .command('status')
    .description('documents by state and queued/active/failed jobs per stage')
    .addOption(queueOption())
    .option('--json', 'print JSON')
    .action(async (flags: Record<string, unknown>) => {
      setExit(await statusCommand(Boolean(flags.json), configFrom({ ...program.opts(), ...flags }), logger()));
    });

  program
    .command('recover')
    .description('re-enqueue every unfinished document from the database (after Redis lost its jobs, or a crash)')
    .addOption(queueOption())
    .option('--retry-failed', 'also start failed documents again')
    .action(async (flags: Record<string, unknown>) => {
      setExit(await recoverCommand(Boolean(flags.retryFailed), configFrom({ ...program.opts(), ...flags }), logger()));
    });

  program
    .command('ocr')
    .description('OCR one file and print its text')
    .argument('<file>')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'hocr', 'alto', 'pdf']).default('text'))
    .addOption(ocrMode)
    .addOption(preprocess)
    .option('--ocr-workers <n>', 'OCR worker threads', Int('--ocr-workers'))
    .addOption(ocrEngine())
    .addOption(tessdata())
    .action(async (file: string, flags: Record<string, unknown>) => {
      setExit(await ocrCommand(file, flags.format as OcrFormat, configFrom({ ...program.opts(), ...flags }), logger()));
    });

  program
    .command('restore')
    .description('restore Vietnamese diacritics; reads standard input when no file is given')
    .argument('[file]')
    .option('--model <dir>', 'diacritics model folder')
    .addOption(toneStyle)
    .option('--json', 'print syllables with confidence and alternatives')
    .action(async (file: string | undefined, flags: { model?: string; toneStyle: ToneStyleChoice; json?: boolean }) => {
      setExit(await restoreCommand(file, { model: flags.model, toneStyle: flags.toneStyle, json: Boolean(flags.json) }));
    });

  program
    .command('extract')
    .description('print indicator records (JSON) found in a text (standard input when no file), or score files against a gold catalogue')
    .argument('[files...]')
    .option('--model <dir>', 'diacritics model folder')
    .option('--no-restore', 'the text already has its diacritics')
    .option('--metadata', 'print {metadata, indicators} instead of the indicator array')
    .option('--eval <gold>', 'score against hand-made gold: a folder of NAME.txt with NAME.indicators.json/.checks.json/.metadata.json (all its texts, or the files named), or a catalogue gold.json with the files it names')
    .option('--json', 'with --eval: print JSON, including the missed gold mentions')
    .option('--leave-one-out', 'with --eval: classify each document without the taxonomy examples quoted from it')
    .action(async (files: string[], flags: { model?: string; restore: boolean; metadata?: boolean; eval?: string; json?: boolean; leaveOneOut?: boolean }) => {
      setExit(
        await extractCommand(files, { model: flags.model, restore: flags.restore, metadata: Boolean(flags.metadata), eval: flags.eval, json: Boolean(flags.json), leaveOneOut: Boolean(flags.leaveOneOut) }),
      );
    });

  program
    .command('score')
    .description('score indicators.json files with a rubric: scores per entity and year with explanations, rankings per year, series per entity')
    .argument('<files...>')
    .option('--rubric <file>', 'scoring rubric (YAML or JSON)')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'csv']).default('json'))
    .action(async (files: string[], flags: { rubric?: string; format: 'json' | 'csv' }) => {
      setExit(await scoreCommand(files, flags));
    });

  program
    .command('check')
    .description('consistency checks (JSON) on documents or indicators.json files')
    .argument('<paths...>')
    .addOption(ocrMode)
    .addOption(preprocess)
    .option('--ocr-workers <n>', 'OCR worker threads', Int('--ocr-workers'))
    .action(async (paths: string[], flags: Record<string, unknown>) => {
      setExit(await checkCommand(paths, configFrom({ ...program.opts(), ...flags }), logger()));
    });

  const model = program.command('model').description('diacritics models');
  model
    .command('build')
    .description('build a diacritics model folder from corpus text files (.txt or .gz)')
    .requiredOption('--corpus <files...>', 'clean in-domain Vietnamese text (legal, administrative), one document or sentence per line')
    .option('--corpus-weight <n>', 'how many times in-domain text counts', Int('--corpus-weight'), 3)
    .option('--background <files...>', 'general Vietnamese text (e.g. Wikipedia), counted once', [])
    .option('--reviewed <files...>', 'reviewed (corrected) documents to learn from', [])
    .option('--reviewed-weight <n>', 'how many times reviewed text counts', Int('--reviewed-weight'), 5)
    .option('--exclude <files...>', 'documents whose lines must not be trained on (evaluation truth)', [])
    .requiredOption('--out <dir>', 'model folder to write')
    .option('--name <name>', 'model name (default: the folder name)')
    .option('--model-version <v>', 'model version', '1')
    .addOption(modelToneStyle)
    .addOption(dictionary())
    .option('--min-count <n>', 'drop syllables seen fewer times', Int('--min-count'), 2)
    .option('--min-bigram-count <n>', 'prune bigrams seen fewer times', Int('--min-bigram-count'), 2)
    .option('--min-trigram-count <n>', 'prune trigrams seen fewer times', Int('--min-trigram-count'), 2)
    .option('--channel-pages <n>', 'pages of corpus text to render and OCR for the learned OCR channel (0: none)', (v: string) => (v === '0' ? 0 : Int('--channel-pages')(v)), 0)
    .action(async (flags: Record<string, unknown>) => {
      setExit(
        await modelBuildCommand(
          {
            corpus: flags.corpus as string[],
            corpusWeight: flags.corpusWeight as number,
            background: flags.background as string[],
            reviewed: flags.reviewed as string[],
            reviewedWeight: flags.reviewedWeight as number,
            exclude: flags.exclude as string[],
            out: flags.out as string,
            name: flags.name as string | undefined,
            version: flags.modelVersion as string,
            toneStyle: flags.toneStyle as 'old' | 'new',
            minCount: flags.minCount as number,
            minBigramCount: flags.minBigramCount as number,
            minTrigramCount: flags.minTrigramCount as number,
            channelPages: flags.channelPages as number,
            dictionary: flags.dictionary === 'cspell-vi-vn',
          },
          logger(),
        ),
      );
    });
  model
    .command('eval')
    .description('syllable accuracy of restoration; every figure from a model that never saw the test text')
    .option('--model <dir>', 'model for the garbled OCR inputs (default: the shipped one)')
    .option('--garbled <files...>', 'OCR text that lost its diacritics', [])
    .option('--truth <files...>', 'clean text of each --garbled file, in the same order', [])
    .option('--corpus <files...>', 'in-domain training corpus for the held-out models', [])
    .option('--corpus-weight <n>', 'how many times in-domain text counts', Int('--corpus-weight'), 3)
    .option('--background <files...>', 'general text for the held-out models, counted once', [])
    .option('--held-out <files...>', 'documents scored as stripped text, each by a model built without it (register=file names its register: legal, administrative, news ...)', [])
    .option('--slice <files...>', 'corpus files whose every Nth line is held out and scored (register=file as for --held-out)', [])
    .option('--every <n>', 'N for --slice', Int('--every'), 25)
    .option('--max-lines <n>', 'most lines per slice', Int('--max-lines'), 200)
    .option('--synthetic <files...>', 'held-out texts (excluded from the model) to render, read with English OCR data and restore', [])
    .option('--synthetic-pages <n>', 'pages per --synthetic text', Int('--synthetic-pages'), 3)
    .option('--scanned <files...>', 'held-out texts (excluded from the model) to render as poor scans, read with the pipeline\'s vie OCR and restore with and without word confidences', [])
    .option('--scanned-pages <n>', 'pages per --scanned text', Int('--scanned-pages'), 2)
    .addOption(dictionary())
    .option('--json', 'print JSON')
    .action(async (flags: Record<string, unknown>) => {
      setExit(
        await modelEvalCommand(
          {
            model: flags.model as string | undefined,
            garbled: flags.garbled as string[],
            truth: flags.truth as string[],
            corpus: flags.corpus as string[],
            corpusWeight: flags.corpusWeight as number,
            background: flags.background as string[],
            heldOut: flags.heldOut as string[],
            slice: flags.slice as string[],
            every: flags.every as number,
            maxLines: flags.maxLines as number,
            json: Boolean(flags.json),
            synthetic: flags.synthetic as string[],
            syntheticPages: flags.syntheticPages as number,
            scanned: flags.scanned as string[],
            scannedPages: flags.scannedPages as number,
            dictionary: flags.dictionary === 'cspell-vi-vn',
          },
          logger(),
        ),
      );
    });
  return program;
}

export async function main(argv: string[]): Promise<number> {
  let code = EXIT_OK;
  const program = buildProgram((c) => (code = c));
  try {
    await program.parseAsync(argv);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT_OK;
      return EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n`);
      return EXIT_USAGE;
    }
    return reportFatal(error);
  }
}
