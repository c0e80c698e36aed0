/**
 * The dataset page: its own three static files and the charting library, served from memory
 * by fixed names (no path is ever built from a request) under the review page's security
 * headers. Chart.js comes from node_modules, never from another site.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { shippedFile } from '../core/paths';
import { SECURITY_HEADERS } from './review-page';

/** The self-contained browser build beside the package's CommonJS entry (its exports name no other file). */
const chartScript = () => join(dirname(require.resolve('chart.js')), 'chart.umd.min.js');

const FILES = {
  '/datasets': { path: () => shippedFile('server', 'dataset-page', 'index.html'), type: 'text/html; charset=utf-8' },
  '/datasets/app.js': { path: () => shippedFile('server', 'dataset-page', 'app.js'), type: 'text/javascript; charset=utf-8' },
  '/datasets/app.css': { path: () => shippedFile('server', 'dataset-page', 'app.css'), type: 'text/css; charset=utf-8' },
  '/datasets/chart.umd.min.js': { path: chartScript, type: 'text/javascript; charset=utf-8' },
} as const;

export function registerDatasetPage(server: FastifyInstance): void {
  for (const [url, { path, type }] of Object.entries(FILES)) {
    const body = readFileSync(path());
    server.get(url, async (_request, reply) => reply.headers({ ...SECURITY_HEADERS, 'content-type': type, 'cache-control': 'no-cache' }).send(body));
  }
}
