import { describe, expect, it } from 'vitest';
import { EventIndex } from './events.ts';
import type { OperationMatch } from './types.ts';

// The event-stream schema an operation declares, inline or through a `$ref`'d response.
const chunk = { type: 'object', properties: { delta: { type: 'string' } } };
const stream = { 'text/event-stream': { schema: { $ref: '#/components/schemas/Chunk' } } };
const document = {
  paths: {
    '/inline': { post: { responses: { '200': { description: 'OK', content: stream } } } },
    '/shared': { post: { responses: { '200': { $ref: '#/components/responses/Streamed' } } } },
    '/none': { post: { responses: { '200': { description: 'OK', content: { 'application/json': { schema: chunk } } } } } },
  },
  components: { schemas: { Chunk: chunk }, responses: { Streamed: { description: 'OK', content: stream } } },
};
const op = (path: string): OperationMatch => ({ key: `POST ${path}`, method: 'POST', pathTemplate: path, operationId: null, params: {} });

describe('EventIndex.streamSchema', () => {
  it.each([
    ['/inline', 'Chunk'],
    ['/shared', 'Chunk'],
    ['/none', null],
  ])('%s declares %s', (path, name) => {
    const choice = new EventIndex(document).streamSchema(op(path));
    expect(choice?.name ?? null).toBe(name);
    if (name) expect(choice).toMatchObject({ contentType: 'text/event-stream', pointer: '#/components/schemas/Chunk' });
  });
});
