/** The OpenAPI 3.1 document, made from the same route declarations the server registers. */
import { z } from 'zod';
import type { ApiRoute } from './api-route';
import { PERMISSIONS } from './permissions';

type JsonSchema = Record<string, unknown>;

const schemaOf = (schema: z.ZodType): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

function parameters(schema: z.ZodType | undefined, location: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const json = schemaOf(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}

const ERROR = { $ref: '#/components/schemas/Error' };
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ERROR } } });

function operation(route: ApiRoute): JsonSchema {
  const success = route.method === 'POST' && route.url === '/api/documents' ? '202' : route.url === '/api/users' && route.method === 'POST' ? '201' : '200';
  const content = Object.fromEntries((route.produces ?? ['application/json']).map((type) => [type, {}]));
  return {
    summary: route.summary,
    tags: [route.tag],
    description: `Roles: ${PERMISSIONS[route.permission].join(', ')} (${route.permission}).`,
    security: [{ bearer: [] }],
    parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(route.body) } } } } : {}),
    ...(route.multipart
      ? {
          requestBody: {
            required: true,
            description: route.multipart,
            content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'array', items: { type: 'string', format: 'binary' } } } } } },
          },
        }
      : {}),
    responses: {
      [success]: { description: 'success', content },
      '400': errorResponse('invalid input: the message names the field'),
      '401': errorResponse('no valid token'),
      '403': errorResponse('the role may not do this'),
      '404': errorResponse('not found, or not visible to this user'),
      ...(route.method === 'PATCH' || route.url.endsWith('/accept') || route.url.endsWith('/reject') || route.url.endsWith('/undo')
        ? { '409': errorResponse('stale edit: the record or text changed since it was loaded') }
        : {}),
    },
  };
}

export function openApiDocument(routes: ApiRoute[], version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {
    '/api/health': { get: { summary: 'Liveness and database state; no token needed.', tags: ['service'], security: [], responses: { '200': { description: 'ok or degraded' } } } },
    '/api/openapi.json': { get: { summary: 'This document; no token needed.', tags: ['service'], security: [], responses: { '200': { description: 'OpenAPI 3.1' } } } },
  };
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
    (paths[path] ??= {})[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: { title: 'sohoa archive API', version, description: 'Upload scans, follow processing, search, review extracted records and restored text, export datasets.' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API token from `sohoa token create` or POST /api/users.' } },
      schemas: { Error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, current: {} } } },
    },
    paths,
  };
}
