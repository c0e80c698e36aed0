/**
 * The review page: three static files served from memory by fixed names (no path is ever
 * built from a request). The page holds no data of its own; it calls the API with the token
 * the person types in, which stays in the tab's session storage.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { shippedFile } from '../core/paths';

const FILES = {
  '/review': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/review/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/review/app.css': { file: 'app.css', type: 'text/css; charset=utf-8' },
} as const;

export const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export function registerReviewPage(server: FastifyInstance): void {
  for (const [url, { file, type }] of Object.entries(FILES)) {
    const body = readFileSync(shippedFile('server', 'review-page', file));
    server.get(url, async (_request, reply) => reply.headers({ ...SECURITY_HEADERS, 'content-type': type, 'cache-control': 'no-cache' }).send(body));
  }
  server.get('/', async (_request, reply) => reply.redirect('/review'));
}
