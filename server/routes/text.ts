/** The current text of a document, corrections of a span, and the spellings the model proposes. */
import { z } from 'zod';
import { Span } from '../../core/contracts';
import { NotFoundError } from '../../core/errors';
import { proposeSpellings } from '../../review/propose-spellings';
import { defineRoute, INT4_MAX, type ApiRoute } from '../api-route';
import { DocumentParams, visibleDocument } from './documents';

const current = defineRoute({
  method: 'GET',
  url: '/api/documents/:id/text',
  summary: 'The current text (reviewed if reviewers corrected it, else restored) with its version id.',
  tag: 'text',
  permission: 'documents:read',
  params: DocumentParams,
  async handler({ user, params }, services) {
    await visibleDocument(params.id, user, services);
    const text = await services.repo.review.currentText(params.id);
    if (!text) throw new NotFoundError(`document ${params.id} has no text yet; it is still being processed`);
    return { text, corrections: await services.repo.review.textCorrections(params.id) };
  },
});

const correct = defineRoute({
  method: 'PATCH',
  url: '/api/documents/:id/text',
  summary: 'Replace a span of the current text (a syllable\'s diacritics, a misread word). Send the version you saw; a stale one is refused with 409.',
  tag: 'text',
  permission: 'records:review',
  params: DocumentParams,
  body: z.object({ versionId: z.number().int().max(INT4_MAX).positive(), span: Span, text: z.string().max(10_000) }).strict(),
  async handler({ user, params, body }, services) {
    await visibleDocument(params.id, user, services);
    return services.repo.review.correctText({ documentId: params.id, baseVersionId: body.versionId, span: body.span, replacement: body.text, author: user.name });
  },
});

const alternatives = defineRoute({
  method: 'GET',
  url: '/api/documents/:id/text/alternatives',
  summary: 'Spellings the diacritics model proposes for the word at [start, end) of the current text, most likely first.',
  tag: 'text',
  permission: 'documents:read',
  params: DocumentParams,
  query: z.object({ start: z.coerce.number().int().max(INT4_MAX).nonnegative(), end: z.coerce.number().int().max(INT4_MAX).positive() }),
  async handler({ user, params, query }, services) {
    await visibleDocument(params.id, user, services);
    const text = await services.repo.review.currentText(params.id);
    if (!text) throw new NotFoundError(`document ${params.id} has no text yet; it is still being processed`);
    const model = await services.ctx.model();
    return { versionId: text.versionId, ...proposeSpellings(text.text, [query.start, query.end], model, services.ctx.toneStyle) };
  },
});

export const textRoutes: ApiRoute[] = [current, correct, alternatives];
