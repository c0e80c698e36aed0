/** Who am I, and for admins: users, tokens and the audit log. */
import { z } from 'zod';
import { NotFoundError } from '../../core/errors';
import { Role } from '../../core/review';
import { defineRoute, INT4_MAX, type ApiRoute } from '../api-route';

const UserName = z.string().trim().min(1).max(100).regex(/^[\p{L}\p{N} ._@-]+$/u, 'letters, digits, space, dot, underscore, @ or hyphen');

const me = defineRoute({
  method: 'GET',
  url: '/api/me',
  summary: 'The user the token belongs to, and its role.',
  tag: 'access',
  permission: 'documents:read',
  async handler({ user }) {
    return { user };
  },
});

const users = defineRoute({
  method: 'GET',
  url: '/api/users',
  summary: 'All users and their tokens (never the tokens themselves).',
  tag: 'access',
  permission: 'access:manage',
  async handler(_input, services) {
    const [all, tokens] = await Promise.all([services.repo.access.listUsers(), services.repo.access.listTokens()]);
    return { items: all.map((u) => ({ ...u, tokens: tokens.filter((t) => t.userId === u.id) })) };
  },
});

const createUser = defineRoute({
  method: 'POST',
  url: '/api/users',
  summary: 'Create a user with a role and a first token, shown once in the answer.',
  tag: 'access',
  permission: 'access:manage',
  body: z.object({ name: UserName, role: Role, tokenName: z.string().trim().min(1).max(100).default('first token') }).strict(),
  async handler({ user, body, reply }, services) {
    const created = await services.repo.access.createUser(body.name, body.role);
    const { token, info } = await services.repo.access.issueToken(created.id, body.tokenName);
    await services.repo.access.appendAudit({ actor: user.name, action: 'user.create', target: `user:${created.id}`, detail: { name: created.name, role: created.role, tokenId: info.id } });
    return reply.code(201).send({ user: created, token, tokenInfo: info });
  },
});

const issueToken = defineRoute({
  method: 'POST',
  url: '/api/users/:id/tokens',
  summary: 'Issue another token for a user, shown once in the answer.',
  tag: 'access',
  permission: 'access:manage',
  params: z.object({ id: z.coerce.number().int().max(INT4_MAX).positive() }),
  body: z.object({ name: z.string().trim().min(1).max(100) }).strict(),
  async handler({ user, params, body, reply }, services) {
    const target = (await services.repo.access.listUsers()).find((u) => u.id === params.id);
    if (!target) throw new NotFoundError(`no user ${params.id}; list them with GET /api/users`);
    const { token, info } = await services.repo.access.issueToken(target.id, body.name);
    await services.repo.access.appendAudit({ actor: user.name, action: 'token.create', target: `user:${target.id}`, detail: { tokenId: info.id, name: body.name } });
    return reply.code(201).send({ token, tokenInfo: info });
  },
});

const revokeToken = defineRoute({
  method: 'DELETE',
  url: '/api/tokens/:id',
  summary: 'Revoke a token at once.',
  tag: 'access',
  permission: 'access:manage',
  params: z.object({ id: z.coerce.number().int().max(INT4_MAX).positive() }),
  async handler({ user, params }, services) {
    if (!(await services.repo.access.revokeToken(params.id))) throw new NotFoundError(`no active token ${params.id}`);
    services.tokens.forgetAll();
    await services.repo.access.appendAudit({ actor: user.name, action: 'token.revoke', target: `token:${params.id}` });
    return { revoked: params.id };
  },
});

const audit = defineRoute({
  method: 'GET',
  url: '/api/audit',
  summary: 'The audit log, newest first: uploads, review actions, text corrections, exports, users and tokens.',
  tag: 'access',
  permission: 'access:manage',
  query: z.object({ limit: z.coerce.number().int().max(INT4_MAX).min(1).max(1000).default(100), target: z.string().max(100).optional() }),
  async handler({ query }, services) {
    return { items: await services.repo.access.listAudit(query) };
  },
});

export const accessRoutes: ApiRoute[] = [me, users, createUser, issueToken, revokeToken, audit];
