/** Upload, list, search, detail, progress, page images and downloads of documents. */
import type {} from '@fastify/multipart';
import { z } from 'zod';
import { Sha256 } from '../../core/contracts';
import { describeError, isSohoaError, NotFoundError, SohoaError } from '../../core/errors';
import type { User } from '../../core/review';
import { storedImageMime } from '../../ocr/grey-image';
import { renderAlto } from '../../ocr/render-alto';
import { renderHocr } from '../../ocr/render-hocr';
import { renderSearchablePdf } from '../../ocr/render-searchable-pdf';
import { submitBytes } from '../../pipeline/submit-file';
import { hasScannedPages, ocrJson } from '../../pipeline/write-outputs';
import { defineRoute, INT4_MAX, type ApiRoute } from '../api-route';
import { visibilityOf } from '../permissions';
import type { ServerServices } from '../server-services';
import { streamProgress } from './stream-progress';

export const Paging = z.object({
  limit: z.coerce.number().int().max(INT4_MAX).min(1).max(500).default(50),
  offset: z.coerce.number().int().max(INT4_MAX).min(0).default(0),
});

export const DocumentParams = z.object({ id: Sha256 });

const DOWNLOADS = ['original', 'pdf', 'hocr', 'alto', 'text', 'ocr-json'] as const;

/** A document the caller may see, or 404 (never 403: an archivist learns nothing of others' files). */
export async function visibleDocument(id: string, user: User, services: ServerServices) {
  const visibility = visibilityOf(user);
  const document = (await services.repo.review.isVisible(id, visibility)) ? await services.repo.findDocument(id) : null;
  if (!document) throw new NotFoundError(`no document ${id} that you can see; list them with GET /api/documents`);
  // An archivist re-uploading a file someone else uploaded first sees their own name for it, never the other's.
  return visibility === null ? document : { ...document, filename: (await services.repo.review.shownFilename(id, visibility)) ?? document.filename };
}

/** An upload's name is shown to people only: no path parts, no control characters, bounded. */
function displayName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return clean || 'upload';
}

/** ASCII for Content-Disposition's filename, the full name in filename*. */
function attachment(filename: string): string {
  const ascii = filename.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '_') || 'download';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

const upload = defineRoute({
  method: 'POST',
  url: '/api/documents',
  summary: 'Upload one or more files (multipart field "file"); the content decides the type. The same content again answers with the existing document.',
  tag: 'documents',
  permission: 'documents:upload',
  multipart: 'file: one or more PDF, TIFF, PNG, JPEG or UTF-8 text files',
  async handler({ user, request, reply }, services) {
    if (!request.isMultipart()) throw new SohoaError('BAD_INPUT', 'send the files as multipart/form-data in a field named "file"');
    const results: Array<Record<string, unknown>> = [];
    let firstError: unknown = null;
    for await (const part of request.files({ limits: { fileSize: services.maxUploadBytes, files: 20 } })) {
      const filename = displayName(part.filename);
      let bytes: Buffer;
      try {
        bytes = await part.toBuffer();
      } catch (error) {
        throw new SohoaError('TOO_LARGE', `${filename}: over the upload limit of ${services.maxUploadBytes} bytes`, { cause: error });
      }
      try {
        const submission = await submitBytes(filename, bytes, services.ctx);
        await services.repo.review.recordUpload(submission.documentId, user.id, filename);
        await services.repo.access.appendAudit({ actor: user.name, action: 'document.upload', target: `document:${submission.documentId}`, detail: { filename, bytes: bytes.length, existing: submission.reused } });
        results.push({ filename, documentId: submission.documentId, existing: submission.reused, status: `/api/documents/${submission.documentId}` });
      } catch (error) {
        if (!isSohoaError(error) || error.retryable) throw error;
        firstError ??= error;
        results.push({ filename, error: { code: error.code, message: describeError(error) } });
      }
    }
    if (results.length === 0) throw new SohoaError('BAD_INPUT', 'no file in the upload: send one or more in a field named "file"');
    if (results.every((r) => r.error)) throw firstError;
    return reply.code(202).send({ documents: results });
  },
});

const list = defineRoute({
  method: 'GET',
  url: '/api/documents',
  summary: 'Documents you can see, newest first, with their processing state.',
  tag: 'documents',
  permission: 'documents:read',
  query: Paging,
  async handler({ user, query, reply }, services) {
    const visibility = visibilityOf(user);
    const key = `documents:${visibility?.uploadedBy ?? 'all'}:${query.limit}:${query.offset}`;
    const body = await services.reads.run(key, async () => {
      const items = await services.repo.review.listDocuments(visibility, query);
      // One query for the page's progress, not three per listed document.
      const progress = new Map((await services.repo.getProgressOf(items.map((d) => d.id))).map((p) => [p.id, p] as const));
      const progressOf = (d: (typeof items)[number]) => {
        const p = progress.get(d.id);
        return p ? { ...p, filename: d.filename } : null;
      };
      return JSON.stringify({ items: items.map((d) => ({ ...d, progress: progressOf(d) })), ...query });
    });
    return reply.type('application/json; charset=utf-8').send(body);
  },
});

const search = defineRoute({
  method: 'GET',
  url: '/api/search',
  summary: 'Full-text search of the current text: "quyet dinh" finds "Quyết định"; a query with marks matches those marks.',
  tag: 'documents',
  permission: 'documents:read',
  query: Paging.extend({ q: z.string().trim().min(1).max(200) }),
  async handler({ user, query }, services) {
    return { items: await services.repo.review.search(query.q, visibilityOf(user), query), q: query.q };
  },
});

const detail = defineRoute({
  method: 'GET',
  url: '/api/documents/:id',
  summary: 'A document: metadata, progress, current text, pages, checks, scores and download links.',
  tag: 'documents',
  permission: 'documents:read',
  params: DocumentParams,
  async handler({ user, params }, services) {
    const document = await visibleDocument(params.id, user, services);
    const [progress, text, pages, checks, scores] = await Promise.all([
      services.repo.getProgress(document.id),
      services.repo.review.currentText(document.id),
      services.repo.getPages(document.id),
      services.repo.getChecks(document.id),
      services.repo.getScores(document.id),
    ]);
    const base = `/api/documents/${document.id}`;
    return {
      document,
      progress: progress && { ...progress, filename: document.filename },
      text,
      pages: pages.map((p) => ({
        number: p.number, width: p.width, height: p.height, dpi: p.dpi, textSource: p.textSource, route: p.route,
        meanConfidence: p.meanConfidence, quality: p.quality ?? null, skipped: p.skipped, image: p.imageRef ? `${base}/pages/${p.number}/image` : null,
      })),
      checks,
      scores,
      downloads: Object.fromEntries(
        DOWNLOADS.filter((f) => f !== 'pdf' || hasScannedPages(pages)).map((f) => [f, `${base}/download/${f}`]),
      ),
    };
  },
});

const events = defineRoute({
  method: 'GET',
  url: '/api/documents/:id/events',
  summary: 'Processing progress as server-sent events ("progress"), ending after "done" or "failed".',
  tag: 'documents',
  permission: 'documents:read',
  params: DocumentParams,
  produces: ['text/event-stream'],
  async handler({ user, params, request, reply }, services) {
    await visibleDocument(params.id, user, services);
    await streamProgress(params.id, request, reply, services);
    return reply;
  },
});

const pageImage = defineRoute({
  method: 'GET',
  url: '/api/documents/:id/pages/:page/image',
  summary: 'The image a page was read from (PNG, or JPEG for a JPEG scan), for showing the source beside the text.',
  tag: 'documents',
  permission: 'documents:read',
  params: DocumentParams.extend({ page: z.coerce.number().int().max(INT4_MAX).positive() }),
  produces: ['image/png', 'image/jpeg'],
  async handler({ user, params, reply }, services) {
    await visibleDocument(params.id, user, services);
    const [page] = await services.repo.getPages(params.id, params.page);
    if (!page?.imageRef) throw new NotFoundError(`page ${params.page} of document ${params.id} has no image (a text page, or no such page)`);
    const bytes = await services.blobs.get(page.imageRef);
    return reply.header('content-type', storedImageMime(bytes) ?? 'application/octet-stream').header('cache-control', 'private, max-age=86400').send(bytes);
  },
});

const download = defineRoute({
  method: 'GET',
  url: '/api/documents/:id/download/:format',
  summary: 'The original file, a searchable PDF (scans), hOCR, ALTO v4, the current text, or the OCR JSON.',
  tag: 'documents',
  permission: 'documents:read',
  params: DocumentParams.extend({ format: z.enum(DOWNLOADS) }),
  produces: ['application/octet-stream', 'application/pdf', 'text/html', 'application/xml', 'text/plain'],
  async handler({ user, params, reply }, services) {
    const document = await visibleDocument(params.id, user, services);
    const stem = document.filename.replace(/\.[^.]+$/, '');
    const send = (body: string | Buffer | Uint8Array, type: string, name: string) =>
      reply.header('content-type', type).header('content-disposition', attachment(name)).send(Buffer.from(body));
    if (params.format === 'original') return send(await services.blobs.get(document.id), document.mime, document.filename);
    const pages = await services.repo.getPages(document.id);
    switch (params.format) {
      case 'hocr':
        return send(renderHocr(pages, document.filename), 'text/html; charset=utf-8', `${stem}.hocr`);
      case 'alto':
        return send(renderAlto(pages, document.filename), 'application/xml; charset=utf-8', `${stem}.alto.xml`);
      case 'text': {
        const text = await services.repo.review.currentText(document.id);
        if (!text) throw new NotFoundError(`document ${document.id} has no text yet; it is still being processed`);
        return send(text.text, 'text/plain; charset=utf-8', `${stem}.txt`);
      }
      case 'ocr-json':
        return send(JSON.stringify(ocrJson({ document, pages }), null, 2), 'application/json', `${stem}.ocr.json`);
      case 'pdf': {
        if (!hasScannedPages(pages)) throw new NotFoundError(`document ${document.id} has no scanned pages to make a searchable PDF of`);
        return send(await renderSearchablePdf(pages, (ref) => services.blobs.get(ref), document.filename), 'application/pdf', `${stem}.searchable.pdf`);
      }
    }
  },
});

export const documentRoutes: ApiRoute[] = [upload, list, search, detail, events, pageImage, download];
