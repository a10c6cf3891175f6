import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkExamples, loadSpec } from '../harness/spec/index.ts';
import { runSpecCli } from './spec-cli.ts';
import { hasShared, REPO_ROOT, SPEC_2024_PATH, SPEC_PATH } from './support/shared.ts';

const CACHE = join(REPO_ROOT, '.cache/fieldwork-test');

describe.skipIf(!hasShared)('the spec checks its own examples', () => {
  it('newest spec: counts and the exact reasons', async () => {
    const report = checkExamples(await loadSpec(SPEC_PATH, { cacheDir: CACHE }));
    expect(report.counts).toEqual({
      'operation.json': { valid: 158, invalid: 82, notCheckable: 40 },
      'operation.sse': { valid: 1, invalid: 10, notCheckable: 0 },
      'operation.other': { valid: 0, invalid: 0, notCheckable: 6 },
      'operation.error': { valid: 0, invalid: 2, notCheckable: 0 },
      'schema.json': { valid: 292, invalid: 59, notCheckable: 29 },
      'schema.sse': { valid: 1, invalid: 0, notCheckable: 0 },
      'schema.other': { valid: 0, invalid: 0, notCheckable: 2 },
    });
    const json = report.checks.filter((c) => c.source === 'operation' && c.format === 'json' && !c.errorResponse && !c.reason?.startsWith('not valid JSON'));
    expect(json).toHaveLength(244); // parseable JSON response examples on operations
    // The chat streaming example is JSON chunks separated by blank lines and `....`: checked chunk by chunk.
    expect(report.checks.find((c) => c.operation === 'POST /chat/completions' && c.title === 'Streaming')).toMatchObject({ format: 'sse', status: 'valid', schema: 'CreateChatCompletionStreamResponse' });
    const functions = report.checks.find((c) => c.operation === 'POST /chat/completions' && c.title === 'Functions');
    expect(functions).toMatchObject({ status: 'invalid', schema: 'CreateChatCompletionResponse', reason: "choices[].message.refusal: must have required property 'refusal'" });
    const images = report.checks.find((c) => c.operation === 'POST /images/generations' && c.format === 'sse');
    expect(images).toMatchObject({ status: 'invalid', schema: 'ImageGenStreamEvent' });
    expect(images?.reason).toMatch(/^event 0: created_at: must have required property 'created_at'/);
    const rateLimits = report.checks.find((c) => c.errorResponse && c.operation === 'GET /organization/projects/{project_id}/rate_limits');
    expect(rateLimits).toMatchObject({ status: 'invalid', schema: 'ErrorResponse', reason: "error: must have required property 'error'" });
    const batches = report.checks.find((c) => c.operation === 'POST /batches');
    expect(batches).toMatchObject({ status: 'not-checkable', reason: expect.stringMatching(/^not valid JSON/) });
    for (const check of report.checks) if (check.status !== 'valid') expect(check.reason, JSON.stringify(check)).toBeTruthy();
  });

  it('2024 (3.0) spec: counts, including examples wrapped as {content}', async () => {
    const report = checkExamples(await loadSpec(SPEC_2024_PATH, { cacheDir: CACHE }));
    expect(report.counts).toEqual({
      'operation.json': { valid: 55, invalid: 37, notCheckable: 28 },
      'operation.sse': { valid: 1, invalid: 5, notCheckable: 0 },
      'operation.error': { valid: 0, invalid: 6, notCheckable: 0 },
      'schema.json': { valid: 65, invalid: 16, notCheckable: 7 },
      'schema.sse': { valid: 1, invalid: 0, notCheckable: 0 },
    });
    expect(report.checks.find((c) => c.operation === 'GET /organization/projects')).toMatchObject({ status: 'valid', schema: 'ProjectListResponse' });
  });
});

describe('fieldwork spec examples / info', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fieldwork-examples-'));
  const spec = join(dir, 'spec.yaml');
  writeFileSync(
    spec,
    `openapi: 3.1.0
paths:
  /things:
    post:
      operationId: createThing
      responses:
        "200":
          content:
            application/json: { schema: { $ref: "#/components/schemas/Thing" } }
            text/event-stream: { schema: { $ref: "#/components/schemas/ThingEvent" } }
      x-oaiMeta:
        examples:
          - title: Good
            response: '{"id": "t1", "size": 3}'
          - title: Bad
            response: '{"id": "t1", "size": "big"}'
          - title: Streaming
            response: "data: {\\"type\\": \\"thing.delta\\", \\"n\\": 1}\\n\\ndata: [DONE]\\n"
          - title: Truncated
            response: '{"id": "t1", ...}'
components:
  schemas:
    Thing:
      type: object
      required: [id, size]
      properties: { id: { type: string }, size: { type: integer } }
      x-oaiMeta: { example: '{"id": "t2"}' }
    ThingEvent:
      anyOf:
        - { type: object, properties: { type: { const: thing.delta }, n: { type: integer } }, required: [type, n] }
        - { type: object, properties: { type: { const: thing.done } }, required: [type] }
`,
  );
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (args: string[]) => runSpecCli(['--root', dir, '--spec', spec, ...args]);

  it('prints counts and the reason for each invalid or uncheckable example', async () => {
    const { code, out } = await run(['spec', 'examples']);
    expect(code).toBe(0);
    expect(out).toContain('operation examples, JSON: 1 valid, 1 invalid, 1 not checkable');
    expect(out).toContain('operation examples, SSE: 1 valid, 0 invalid, 0 not checkable');
    expect(out).toContain('schema examples, JSON: 0 valid, 1 invalid, 0 not checkable');
    expect(out).toContain('POST /things "Bad" (Thing): size: must be integer');
    expect(out).toContain("schema Thing: size: must have required property 'size'");
    expect(out).toMatch(/POST \/things "Truncated": not valid JSON/);
  });

  it('spec info says which spec is in use and what normalisation did', async () => {
    const { code, out } = await run(['spec', 'info', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ path: spec, pinned: false, openapi: '3.1.0', operations: 1, schemas: 2, strayKeywords: [] });
  });

  it('prints the full report with --json', async () => {
    const { code, out } = await run(['spec', 'examples', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(out) as { checks: { title: string; status: string; issues: { path: string; keyword: string }[] }[] };
    expect(report.checks.find((c) => c.title === 'Bad')).toMatchObject({ status: 'invalid', issues: [{ path: 'size', keyword: 'type' }] });
  });
});
