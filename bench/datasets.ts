/**
 * Dataset page bench (issue 23): an archive of generated documents and records (default 3,000
 * documents, 100,000 records over the taxonomy's keys, 63 provinces and 10 years), written through
 * the repository on the embedded database and then on PostgreSQL, and the server's answer times
 * for the key list and for opening the largest key (its table, conflicts and citations), over
 * loopback HTTP. Prints medians of repeated requests. Asserts nothing.
 *   npm run bench:datasets [-- --documents 3000 --records 100000 --backends embedded,postgres]
 * Target: < 300 ms server time to open a key.
 */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { createApp } from '../app/create-app';
import { resolveConfig } from '../core/config';
import type { Indicator, SohoaDocument } from '../core/contracts';
import { silentLogger } from '../core/logger';
import { bundledTaxonomy } from '../extractors/classify-key';
import { createServer } from '../server/create-server';
import { dropSchema, TEST_DATABASE_URL } from '../test/helpers/services';

const Args = z.object({
  documents: z.coerce.number().int().positive().default(3000),
  records: z.coerce.number().int().positive().default(100_000),
  repeats: z.coerce.number().int().positive().default(15),
  backends: z.string().default('embedded,postgres'),
});
type Args = z.infer<typeof Args>;

function parseArgs(): Args {
  const raw: Record<string, string> = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) raw[argv[i]!.replace(/^--/, '')] = argv[i + 1]!;
  return Args.parse(raw);
}

/** A small deterministic generator, so both backends hold the same archive. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function generate(args: Args): Array<{ document: SohoaDocument; indicators: Indicator[] }> {
  const next = random(23);
  const keys = bundledTaxonomy().map((e) => ({ key: e.key, unit: e.unit }));
  // Some keys are far commoner than others, as in real reports; a few open keys besides.
  const weighted = [...keys.flatMap((k, i) => Array.from({ length: Math.max(1, 12 - (i % 12)) }, () => k)), ...Array.from({ length: 20 }, (_, i) => ({ key: `open.chi-tieu-${i}`, unit: 'đơn vị' }))];
  const perDocument = Math.ceil(args.records / args.documents);
  return Array.from({ length: args.documents }, (_, n) => {
    const province = `Tỉnh ${String(1 + Math.floor(next() * 63)).padStart(2, '0')}`;
    const year = 2015 + Math.floor(next() * 10);
    const kind = next() < 0.15 ? 'Kế hoạch' : 'Báo cáo';
    const id = createHash('sha256').update(`bench-dataset-${n}`).digest('hex');
    const document: SohoaDocument = {
      id, filename: `bench-${n}.txt`, mime: 'text/plain', byteSize: 1000, pageCount: 1, createdAt: new Date(Date.UTC(year, 6, 1)).toISOString(),
      metadata: { type: kind, number: `${n + 1}/BC-UBND`, date: `${year}-12-15`, issuer: `ỦY BAN NHÂN DÂN ${province.toUpperCase()}`, place: province, title: null, signer: null, signingCapacity: null, province, year },
    };
    const count = Math.min(perDocument, args.records - n * perDocument);
    const indicators: Indicator[] = Array.from({ length: Math.max(0, count) }, (_, i) => {
      const { key, unit } = weighted[Math.floor(next() * weighted.length)]!;
      const value = unit === '%' ? Math.round(next() * 1000) / 10 : Math.floor(next() * 5000);
      const failed = next() < 0.05;
      return {
        key, kind: kind === 'Kế hoạch' ? 'target' : 'value', value, denominator: null, unit, qualifier: null, percent: unit === '%' ? value : null,
        year, province, entity: null, level: null, phrase: `chỉ tiêu ${key} đạt ${value} ${unit}`, valueText: String(value), span: [i * 40, i * 40 + 5],
        line: i + 1, page: 1, confidence: 0.9, flags: failed ? ['check-failed:sum'] : [], reviewState: next() < 0.3 ? 'accepted' : 'pending',
      };
    });
    return { document, indicators };
  });
}

async function measure(backend: string, args: Args, archive: ReturnType<typeof generate>): Promise<void> {
  const schema = `sohoa_bench_datasets_${process.pid}`;
  const url = backend === 'postgres' ? TEST_DATABASE_URL : null;
  const config = resolveConfig({ ephemeral: true, databaseUrl: url, databaseSchema: url ? schema : null, queue: 'embedded', ocrWorkers: 1 }, {});
  const app = await createApp(config, silentLogger);
  const server = await createServer(app, { logger: silentLogger });
  try {
    const started = Date.now();
    for (const { document, indicators } of archive) {
      await app.repo.saveDocument(document);
      await app.repo.replaceIndicators(document.id, indicators);
    }
    const records = archive.reduce((n, d) => n + d.indicators.length, 0);
    console.log(`${backend}: wrote ${archive.length} documents, ${records} records in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await server.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    const user = await app.repo.access.createUser('bench-researcher', 'researcher');
    const { token } = await app.repo.access.issueToken(user.id, 'bench');
    const timed = async (path: string) => {
      const times: number[] = [];
      let body: unknown = null;
      for (let i = 0; i < args.repeats; i++) {
        const t0 = performance.now();
        const response = await fetch(base + path, { headers: { authorization: `Bearer ${token}` } });
        body = await response.json();
        if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${JSON.stringify(body)}`);
        times.push(performance.now() - t0);
      }
      return { ms: median(times), body: body as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
    const list = await timed('/api/datasets/keys');
    const top = list.body.items[0];
    const open = await timed(`/api/datasets/keys/${encodeURIComponent(top.key)}`);
    const search = await timed(`/api/datasets/keys?q=${encodeURIComponent('ho so')}`);
    const cells = open.body.cells.length;
    console.log(`${backend}: key list (${list.body.total} keys) median ${list.ms.toFixed(0)} ms; search "ho so" median ${search.ms.toFixed(0)} ms`);
    console.log(`${backend}: open ${top.key} (${top.records} records, ${top.documents} documents, ${cells} cells, ${open.body.conflicts.length} conflicts) median ${open.ms.toFixed(0)} ms over ${args.repeats} requests`);
  } finally {
    await server.close();
    await app.close();
    if (url) await dropSchema(url, schema);
  }
}

async function main(): Promise<void> {
  const args = parseArgs();
  const archive = generate(args);
  for (const backend of args.backends.split(',')) await measure(backend, args, archive);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
