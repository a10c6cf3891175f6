import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FieldworkError } from '../harness/core/errors.ts';
import { loadSpec, type LoadedSpec } from '../harness/spec/index.ts';
import { hasShared, REPO_ROOT, SPEC_2024_PATH, SPEC_PATH } from './support/shared.ts';

const CACHE = join(REPO_ROOT, '.cache/fieldwork-test');

describe.skipIf(!hasShared)('loadSpec on the newest spec', () => {
  let spec: LoadedSpec;
  beforeAll(async () => {
    spec = await loadSpec(SPEC_PATH, { cacheDir: CACHE });
  });

  it('hashes and normalises the spec', () => {
    expect(spec.sha256).toBe('db5d7478feae10b4d331834c60d9765a8aa042e38419f9b1694288c11aa8ebc8');
    expect(spec.openapi).toBe('3.1.0');
    expect(spec.schemaNames()).toHaveLength(1422);
    expect(spec.normalisation).toMatchObject({ nullable: 111, exclusiveBounds: 7, recursiveRefs: 2, duplicateRequired: 1 });
    expect(spec.normalisation.formats).toEqual(['binary', 'date', 'double', 'float', 'int64', 'unixtime', 'uri']);
    expect(spec.normalisation.strayKeywords).toEqual([
      '#/components/schemas/CreateTranscriptionResponseJson/properties/logprobs optional',
      '#/components/schemas/GraderScoreModel/properties/range/items min_items',
      '#/components/schemas/GraderScoreModel/properties/range/items max_items',
    ]);
    expect(JSON.stringify(spec.document)).not.toContain('"nullable":');
    expect(JSON.stringify(spec.document)).not.toContain('$recursiveRef');
  });

  it.each([
    ['POST', 'https://api.openai.com/v1/chat/completions', 'POST /chat/completions', 'createChatCompletion', {}],
    ['POST', '/v1/responses', 'POST /responses', 'createResponse', {}],
    ['POST', '/v1/responses?beta=true', 'POST /responses', 'beta_createResponse', {}],
    ['POST', '/v1/responses/compact', 'POST /responses/compact', 'Compactconversation', {}],
    ['GET', '/v1/responses/resp_1/', 'GET /responses/{response_id}', 'getResponse', { response_id: 'resp_1' }],
    ['POST', '/embeddings', 'POST /embeddings', 'createEmbedding', {}],
    ['POST', '/openai/deployments/gpt-4o/chat/completions?api-version=2024-06-01', 'POST /chat/completions', 'createChatCompletion', {}],
    ['get', 'http://127.0.0.1:4010/v1/threads/t%201/runs/r/steps', 'GET /threads/{thread_id}/runs/{run_id}/steps', 'listRunSteps', { thread_id: 't 1', run_id: 'r' }],
  ])('matches %s %s', (method, url, key, operationId, params) => {
    expect(spec.matchOperation(method, url)).toMatchObject({ key, operationId, params });
  });

  it.each([
    ['GET', '/v1/nope'],
    ['DELETE', '/v1/chat/completions'],
    ['POST', 'not a url at all ::'],
  ])('returns null for unknown %s %s', (method, url) => {
    expect(spec.matchOperation(method, url)).toBeNull();
  });

  it('selects response schemas by status and content type', () => {
    const chat = spec.matchOperation('POST', '/v1/chat/completions')!;
    expect(spec.responseSchema(chat, 200, 'application/json; charset=utf-8')?.name).toBe('CreateChatCompletionResponse');
    expect(spec.responseSchema(chat, 200, 'text/event-stream')?.name).toBe('CreateChatCompletionStreamResponse');
    expect(spec.responseSchema(chat, 429, 'application/json')?.name).toBe('ErrorResponse');
    expect(spec.responseSchema(chat, 401, null)?.name).toBe('ErrorResponse');
    expect(spec.responseSchema(chat, 200, 'text/html')).toBeNull();
    const speech = spec.matchOperation('POST', '/v1/audio/speech')!;
    expect(spec.responseSchema(speech, 200, 'audio/mpeg')).toMatchObject({ name: null, binary: true, contentType: 'application/octet-stream' });
    expect(spec.requestSchema(chat, 'application/json')?.name).toBe('CreateChatCompletionRequest');
  });

  it('selects stream events', () => {
    const chat = spec.matchOperation('POST', '/v1/chat/completions')!;
    const responses = spec.matchOperation('POST', '/v1/responses')!;
    const run = spec.matchOperation('POST', '/v1/threads/t/runs')!;
    expect(spec.eventSchema(chat, { data: '[DONE]' })).toEqual({ kind: 'terminator' });
    expect(spec.eventSchema(chat, { data: { object: 'chat.completion.chunk' } })).toMatchObject({ kind: 'schema', choice: { name: 'CreateChatCompletionStreamResponse' } });
    expect(spec.eventSchema(responses, { event: 'response.output_text.delta', data: { type: 'response.output_text.delta' } })).toMatchObject({ kind: 'schema', choice: { name: 'ResponseTextDeltaEvent' }, eventType: 'response.output_text.delta' });
    expect(spec.eventSchema(responses, { data: { type: 'response.made_up' } })).toMatchObject({ kind: 'unknown', eventType: 'response.made_up' });
    expect(spec.eventSchema(run, { event: 'thread.message.delta', data: {} })).toMatchObject({ kind: 'schema', choice: { name: 'MessageDeltaObject', undeclared: true } });
    expect(spec.eventSchema(run, { event: 'done', data: '[DONE]' })).toEqual({ kind: 'terminator' });
    expect(spec.eventSchema(run, { event: 'thread.made_up', data: {} })).toMatchObject({ kind: 'unknown', eventType: 'thread.made_up' });
    const speech = spec.matchOperation('POST', '/v1/audio/speech')!;
    expect(spec.eventSchema(speech, { data: { type: 'speech.audio.delta', audio: 'AAA=' } })).toMatchObject({ kind: 'schema', choice: { name: 'SpeechAudioDeltaEvent' } });
    const image = spec.matchOperation('POST', '/v1/images/generations')!;
    expect(spec.eventSchema(image, { event: 'image_generation.completed', data: { type: 'image_generation.completed' } })).toMatchObject({ kind: 'schema', choice: { name: 'ImageGenCompletedEvent' } });
    const edit = spec.matchOperation('POST', '/v1/images/edits')!;
    expect(spec.eventSchema(edit, { data: { type: 'image_edit.partial_image' } })).toMatchObject({ kind: 'schema', choice: { name: 'ImageEditPartialImageEvent' } });
    expect(spec.eventSchema(chat, { data: { error: { message: 'boom', type: 'server_error' } } })).toMatchObject({ kind: 'schema', choice: { name: 'ErrorResponse' } });
  });

  it('validates with paths in our notation and never throws', () => {
    const chat = spec.matchOperation('POST', '/v1/chat/completions')!;
    const choice = spec.responseSchema(chat, 200, 'application/json')!;
    const issues = spec.validate(choice, { id: 'x', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content: 'hi' } }] });
    expect(issues).toEqual([expect.objectContaining({ path: 'choices[].message', keyword: 'required', field: 'choices[].message.refusal' })]);
    expect(spec.validate(choice, 'not an object')).toEqual([expect.objectContaining({ path: '', keyword: 'type' })]);
    expect(spec.validate({ name: null, pointer: '#/nowhere', schema: {} }, 1)).toEqual([expect.objectContaining({ keyword: 'compile' })]);
  });

  it('keeps allOf [$ref, {nullable: true}] nullable', () => {
    const run = spec.componentSchema('CreateRunRequest')!;
    const properties = (run.schema as { properties: Record<string, unknown> }).properties;
    expect(properties['truncation_strategy']).toMatchObject({ anyOf: [{ $ref: '#/components/schemas/TruncationObject' }, { type: 'null' }] });
    const issues = spec.validate(run, { assistant_id: 'asst_1', truncation_strategy: null, tool_choice: null });
    expect(issues).toEqual([]);
    expect(spec.validate(run, { assistant_id: 'asst_1', truncation_strategy: 'auto' }).map((i) => i.path)).toContain('truncation_strategy');
  });

  it('resolves refs', () => {
    expect(spec.resolveRef('#/components/schemas/ErrorResponse')).toMatchObject({ required: ['error'] });
    expect(spec.resolveRef('#/components/schemas/Nope')).toBeUndefined();
  });
});

describe.skipIf(!hasShared)('loadSpec on the 3.0 history spec', () => {
  it('loads, matches and falls back to chunk schemas by `object`', async () => {
    const spec = await loadSpec(SPEC_2024_PATH, { cacheDir: CACHE });
    expect(spec.openapi).toBe('3.0.0');
    expect(spec.normalisation.strayKeywords).toEqual([]);
    const chat = spec.matchOperation('POST', '/v1/chat/completions')!;
    expect(spec.responseSchema(chat, 200, 'application/json')?.name).toBe('CreateChatCompletionResponse');
    expect(spec.eventSchema(chat, { data: { object: 'chat.completion.chunk' } })).toMatchObject({ kind: 'schema', choice: { name: 'CreateChatCompletionStreamResponse' } });
  });
});

describe('status and content type selection on a hand-made spec', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fieldwork-select-'));
  const file = join(dir, 'spec.yaml');
  writeFileSync(
    file,
    [
      'openapi: 3.1.0',
      'paths:',
      '  /items/{id}:',
      '    get:',
      '      responses:',
      '        "200": { content: { application/json: { schema: { $ref: "#/components/schemas/Item" } }, "image/*": { schema: { type: string, format: binary } } } }',
      '        "4XX": { content: { application/json: { schema: { $ref: "#/components/schemas/ClientError" } } } }',
      '        default: { $ref: "#/components/responses/Oops" }',
      '  /quiet:',
      '    delete:',
      '      responses:',
      '        "204": { description: gone }',
      'components:',
      '  responses:',
      '    Oops: { content: { application/json: { schema: { $ref: "#/components/schemas/Oops" } } } }',
      '  schemas:',
      '    Item: { type: object }',
      '    ClientError: { type: object }',
      '    Oops: { type: object }',
      '    ErrorResponse: { type: object, required: [error] }',
    ].join('\n'),
  );
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['GET', '/v1/items/1', 200, 'application/json', 'Item'],
    ['GET', '/v1/items/1', 200, 'application/problem+json', 'Item'],
    ['GET', '/v1/items/1', 200, 'image/png', 'binary'],
    ['GET', '/v1/items/1', 404, 'application/json', 'ClientError'],
    ['GET', '/v1/items/1', 429, null, 'ClientError'],
    ['GET', '/v1/items/1', 500, 'application/json', 'Oops'],
    ['GET', '/v1/items/1', 201, 'application/json', 'Oops'],
    ['GET', '/v1/items/1', 502, 'text/html', null], // an HTML error page has no schema
    ['DELETE', '/v1/quiet', 204, null, null],
    ['DELETE', '/v1/quiet', 400, 'application/json', 'ErrorResponse'],
    ['DELETE', '/v1/quiet', 502, 'text/html', null],
  ])('%s %s %i %s -> %s', async (method, url, status, contentType, expected) => {
    const spec = await loadSpec(file, { cacheDir: null });
    const choice = spec.responseSchema(spec.matchOperation(method, url)!, status, contentType);
    expect(choice?.binary ? 'binary' : (choice?.name ?? null)).toBe(expected);
  });
});

describe('broken or missing specs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fieldwork-spec-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names the fix when the spec is missing', async () => {
    const error = await loadSpec(join(dir, 'missing.yaml'), { cacheDir: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FieldworkError);
    expect((error as FieldworkError).code).toBe('E_SPEC_MISSING');
    expect((error as Error).message).toMatch(/fieldwork spec sync/);
    expect((error as Error).message).toMatch(/--spec/);
  });

  it.each([
    ['bad.yaml', 'openapi: 3.1.0\npaths: {\n  /a: [\n', /not valid YAML at line \d+/],
    ['list.yaml', '- 1\n- 2\n', /not an object/],
    ['other.yaml', 'swagger: "2.0"\npaths: {}\n', /not an OpenAPI 3 document/],
  ])('reports %s clearly', async (name, text, message) => {
    writeFileSync(join(dir, name), text);
    const error = await loadSpec(join(dir, name), { cacheDir: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FieldworkError);
    expect((error as FieldworkError).code).toBe('E_SPEC_INVALID');
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain(name);
  });

  it('reports a schema that does not compile as an issue, and other schemas still work', async () => {
    const file = join(dir, 'half-broken.yaml');
    writeFileSync(
      file,
      [
        'openapi: 3.1.0',
        'paths: {}',
        'components:',
        '  schemas:',
        '    Bad: { type: object, properties: { a: { pattern: "([" , type: string } } }',
        '    Good: { type: object, required: [a, a], properties: { a: { type: integer, minimum: 0, exclusiveMinimum: true } } }',
      ].join('\n'),
    );
    const spec = await loadSpec(file, { cacheDir: null });
    expect(spec.validate(spec.componentSchema('Bad')!, { a: 'x' })).toEqual([expect.objectContaining({ keyword: 'compile', message: expect.stringMatching(/Bad does not compile/) })]);
    expect(spec.validate(spec.componentSchema('Good')!, { a: 1 })).toEqual([]);
    expect(spec.validate(spec.componentSchema('Good')!, { a: 0 })).toEqual([expect.objectContaining({ path: 'a', keyword: 'exclusiveMinimum' })]);
  });
});
