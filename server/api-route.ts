/**
 * One way to declare an API route: its permission, its zod schemas for params, query and body,
 * and a handler that receives parsed input and the caller. Declaring a route also describes
 * it for the OpenAPI document, so the document cannot drift from what is served.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SohoaError, UnauthorizedError, ForbiddenError } from '../core/errors';
import type { User } from '../core/review';
import { may, PERMISSIONS, type Permission } from './permissions';
import type { ServerServices } from './server-services';

export interface RouteInput<P, Q, B> {
  user: User;
  params: P;
  query: Q;
  body: B;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface ApiRoute<P = unknown, Q = unknown, B = unknown> {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  summary: string;
  tag: string;
  permission: Permission;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  /** JSON body schema; multipart routes read their parts themselves and describe them here. */
  body?: z.ZodType<B>;
  multipart?: string;
  /** Media types of a successful answer other than JSON (downloads, event streams). */
  produces?: string[];
  handler(input: RouteInput<P, Q, B>, services: ServerServices): Promise<unknown>;
}

export function defineRoute<P = unknown, Q = unknown, B = unknown>(route: ApiRoute<P, Q, B>): ApiRoute {
  return route as unknown as ApiRoute;
}

/** The database's integer columns (ids, revisions, offsets) hold 32 bits: a larger number is a bad request, not a database error. */
export const INT4_MAX = 2_147_483_647;

/** PostgreSQL text cannot hold a NUL character: the path of the first string that has one. */
function pathOfNul(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = pathOfNul(item, [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = pathOfNul(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const nul = pathOfNul(value);
  if (nul) throw new SohoaError('BAD_INPUT', `${[where, ...nul].join('.')}: contains a NUL character, which no text here can hold`);
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.length > 0 ? `${where}.${issue.path.join('.')}` : where;
  throw new SohoaError('BAD_INPUT', `${field}: ${issue.message}`);
}

const BEARER = /^Bearer ([A-Za-z0-9_-]{1,200})$/;

/** The caller, from a Bearer token. Tokens are compared by hash in the store and never logged. */
export async function authenticate(request: FastifyRequest, services: ServerServices): Promise<User> {
  const header = request.headers.authorization;
  if (!header) throw new UnauthorizedError('send an API token as "Authorization: Bearer <token>"; an admin creates one with `sohoa token create`');
  const token = BEARER.exec(header)?.[1];
  const user = token ? await services.tokens.verify(token, (t) => services.repo.access.authenticate(t)) : null;
  if (!user) throw new UnauthorizedError('the API token is not valid or was revoked; ask an admin for a new one (`sohoa token create`)');
  return user;
}

export function registerRoute(server: FastifyInstance, route: ApiRoute, services: ServerServices): void {
  server.route({
    method: route.method,
    url: route.url,
    handler: async (request, reply) => {
      const user = await authenticate(request, services);
      if (!may(user, route.permission)) {
        const roles = PERMISSIONS[route.permission].join(', ');
        throw new ForbiddenError(`${user.role}s may not do this (${route.permission}); it needs one of: ${roles}`);
      }
      const input = {
        user,
        params: parse(route.params, request.params, 'params'),
        query: parse(route.query, request.query, 'query'),
        body: route.multipart ? undefined : parse(route.body, request.body, 'body'),
        request,
        reply,
      };
      return route.handler(input, services);
    },
  });
}
