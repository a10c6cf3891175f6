import { describe, expect, it } from 'vitest';
import { toOurPath } from './issues.ts';
import { OperationTable } from './match.ts';

const op = { responses: {} };
const table = new OperationTable({
  '/responses': { post: { ...op, operationId: 'create' } },
  '/responses?beta=true': { post: { ...op, operationId: 'betaCreate' } },
  '/responses/{response_id}': { get: { ...op, operationId: 'get' }, delete: { ...op, operationId: 'delete' } },
  '/responses/compact': { post: { ...op, operationId: 'compact' } },
  '/responses/{response_id}/input_items': { get: { ...op, operationId: 'items' } },
  '/models/{model}': { get: { ...op, operationId: 'model' } },
});

describe('OperationTable.match', () => {
  it.each([
    ['POST', '/responses', 'create', {}],
    ['post', 'https://api.openai.com/v1/responses', 'create', {}],
    ['POST', 'https://api.openai.com/v1/responses/', 'create', {}],
    ['POST', '/v1/responses?beta=true', 'betaCreate', {}],
    ['POST', '/v1/responses?stream=true&beta=true', 'betaCreate', {}],
    ['POST', '/v1/responses?beta=false', 'create', {}],
    ['POST', '/v1/responses/compact', 'compact', {}],
    ['POST', 'http://localhost:4010/proxy/v1/responses/compact', 'compact', {}],
    ['GET', '/v1/responses/resp_1', 'get', { response_id: 'resp_1' }],
    ['DELETE', '/v1/responses/resp_1', 'delete', { response_id: 'resp_1' }],
    ['GET', '/v1/responses/resp_1/input_items?limit=2', 'items', { response_id: 'resp_1' }],
    ['GET', '/v1/models/ft%3Agpt-4o%3Aacme', 'model', { model: 'ft:gpt-4o:acme' }],
    ['GET', '/openai/deployments/my-gpt/responses/resp_2?api-version=1', 'get', { response_id: 'resp_2' }],
  ])('%s %s -> %s', (method, url, operationId, params) => {
    expect(table.match(method, url)).toMatchObject({ operationId, params });
  });

  it.each([
    ['GET', '/v1/responses'],
    ['POST', '/v1/responses/resp_1/input_items'],
    ['GET', '/v1/models'],
    ['GET', '/v2/unknown'],
    ['GET', ''],
  ])('%s %s -> null', (method, url) => {
    expect(table.match(method, url)).toBeNull();
  });

  it('keys operations without /v1 or query, and keeps the spec path key', () => {
    expect(table.match('POST', '/v1/responses?beta=true')).toEqual({
      key: 'POST /responses',
      method: 'POST',
      pathTemplate: '/responses',
      operationId: 'betaCreate',
      params: {},
      pathKey: '/responses?beta=true',
    });
    expect(table.all()).toHaveLength(7);
  });
});

describe('toOurPath', () => {
  it.each([
    ['', ''],
    ['/choices/0/message', 'choices[].message'],
    ['/0/id', '[].id'],
    ['/data/3/embedding/7', 'data[].embedding[]'],
    ['/a~1b/c~0d', 'a/b.c~d'],
  ])('%j -> %j', (instancePath, ours) => {
    expect(toOurPath(instancePath)).toBe(ours);
  });
});
