import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../harness/spec/index.ts';
import { documentCacheFile } from '../harness/spec/load.ts';
import { validatorCacheDir } from '../harness/spec/validator.ts';

const SPEC = `openapi: 3.0.0
paths:
  /things:
    get:
      responses:
        "200": { content: { application/json: { schema: { $ref: "#/components/schemas/Thing" } } } }
components:
  schemas:
    Thing:
      type: object
      required: [id, created, parent]
      properties:
        id: { type: string }
        created: { type: integer, format: unixtime }
        parent: { $ref: "#/components/schemas/Thing", nullable: true }
        score: { type: number, minimum: 0, exclusiveMinimum: true, nullable: true }
        kind: { type: string, enum: [a, b], nullable: true }
`;

describe('caches keyed by the spec sha256', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fieldwork-cache-'));
  const file = join(dir, 'spec.yaml');
  const cacheDir = join(dir, 'cache');
  writeFileSync(file, SPEC);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const value = { id: 'a', created: 1, parent: null, score: 0, kind: 'c' };

  it('parses and compiles once, then reuses both across runs', async () => {
    const cold = await loadSpec(file, { cacheDir });
    expect(cold.fromCache).toBe(false);
    const choice = cold.componentSchema('Thing')!;
    const issues = cold.validate(choice, value);
    expect(issues.map((i) => `${i.path} ${i.keyword}`).sort()).toEqual(['kind enum', 'score exclusiveMinimum']);
    expect(cold.validatorStats).toMatchObject({ compiled: 1, loadedFromCache: 0 });
    expect(readFileSync(documentCacheFile(cacheDir, cold.sha256), 'utf8')).toContain('"Thing"');

    const warm = await loadSpec(file, { cacheDir });
    expect(warm.fromCache).toBe(true);
    expect(warm.validate(warm.componentSchema('Thing')!, value)).toEqual(issues);
    expect(warm.validatorStats).toMatchObject({ compiled: 0, loadedFromCache: 1 });
    // Recursion ($ref to itself + nullable) and the custom format survive the standalone round trip.
    expect(warm.validate(warm.componentSchema('Thing')!, { id: 'a', created: -5, parent: { id: 'b', created: 2, parent: 7 } }).map((i) => `${i.path} ${i.keyword}`).sort()).toEqual([
      'created format',
      'parent anyOf', // neither a Thing (its parent is 7) nor null
      'parent type',
      'parent.parent anyOf',
      'parent.parent type', // 7 is not an object...
      'parent.parent type', // ...nor null
    ]);
  });

  it('recompiles when a cached validator is damaged', async () => {
    const spec = await loadSpec(file, { cacheDir });
    const validators = validatorCacheDir(cacheDir, spec.sha256);
    for (const name of readdirSync(validators)) writeFileSync(join(validators, name), 'this is not javascript {');
    expect(spec.validate(spec.componentSchema('Thing')!, value)).toHaveLength(2);
    expect(spec.validatorStats).toMatchObject({ compiled: 1, loadedFromCache: 0 });
  });

  it('reparses when the cached document is damaged', async () => {
    const first = await loadSpec(file, { cacheDir });
    writeFileSync(documentCacheFile(cacheDir, first.sha256), '{"version":');
    const again = await loadSpec(file, { cacheDir });
    expect(again.fromCache).toBe(false);
    expect(again.schemaNames()).toEqual(['Thing']);
    expect((await loadSpec(file, { cacheDir })).fromCache).toBe(true);
  });

  it('a different spec gets its own caches', async () => {
    const other = join(dir, 'other.yaml');
    writeFileSync(other, SPEC.replace('enum: [a, b]', 'enum: [a, b, c]'));
    const spec = await loadSpec(other, { cacheDir });
    expect(spec.fromCache).toBe(false);
    expect(spec.validate(spec.componentSchema('Thing')!, value).map((i) => i.keyword)).toEqual(['exclusiveMinimum']);
  });
});

describe('stream event members are compiled and cached as one group', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fieldwork-group-'));
  const file = join(dir, 'spec.yaml');
  const cacheDir = join(dir, 'cache');
  writeFileSync(
    file,
    `openapi: 3.1.0
paths:
  /runs:
    post:
      responses:
        "200": { content: { text/event-stream: { schema: { $ref: "#/components/schemas/RunEvent" } } } }
components:
  schemas:
    Run: { type: object, required: [id], properties: { id: { type: string } } }
    RunEvent:
      anyOf:
        - $ref: "#/components/schemas/RunStarted"
        - $ref: "#/components/schemas/RunDone"
    RunStarted: { type: object, required: [type, run], properties: { type: { const: run.started }, run: { $ref: "#/components/schemas/Run" } } }
    RunDone: { type: object, required: [type, run], properties: { type: { const: run.done }, run: { $ref: "#/components/schemas/Run" } } }
`,
  );
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function runOnce(): Promise<{ issues: string[]; stats: object; files: number }> {
    const spec = await loadSpec(file, { cacheDir });
    const op = spec.matchOperation('POST', '/v1/runs')!;
    const issues: string[] = [];
    for (const data of [{ type: 'run.started', run: { id: 'r' } }, { type: 'run.done', run: {} }]) {
      const choice = spec.eventSchema(op, { data });
      if (choice.kind !== 'schema') throw new Error('expected a schema');
      issues.push(...spec.validate(choice.choice, data).map((i) => `${choice.choice.name} ${i.field ?? i.path} ${i.keyword}`));
    }
    return { issues, stats: { ...spec.validatorStats }, files: readdirSync(validatorCacheDir(cacheDir, spec.sha256)).length };
  }

  it('compiles the union once, then loads every member from one file', async () => {
    const cold = await runOnce();
    expect(cold).toEqual({ issues: ['RunDone run.id required'], stats: { compiled: 2, loadedFromCache: 0, failed: 0 }, files: 1 });
    const warm = await runOnce();
    expect(warm).toEqual({ issues: ['RunDone run.id required'], stats: { compiled: 0, loadedFromCache: 2, failed: 0 }, files: 1 });
  });
});
