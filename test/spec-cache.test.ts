import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../harness/spec/index.ts';
import { documentCacheFile } from '../harness/spec/load.ts';
import { validatorCacheDir } from '../harness/spec/validator.ts';
import { DOCUMENT_CACHE, pruneCacheSiblings, VALIDATOR_CACHE } from '../harness/core/cache-prune.ts';

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

describe('stale caches are pruned when a new one is created', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fieldwork-prune-'));
  const cacheDir = join(dir, 'cache');
  const validatorsDir = join(cacheDir, 'validators');
  const specDir = join(cacheDir, 'spec');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const now = Date.now() / 1000;
  const age = (path: string, seconds: number): void => utimesSync(path, now - seconds, now - seconds);
  const hex = (c: string, n: number): string => c.repeat(n);
  const specFile = (name: string, text: string): string => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const thing = { id: 'a', created: 1, parent: null };
  const ls = (d: string): string[] => readdirSync(d).sort();

  // Each fake entry: name, directory or file, age in seconds. Only names fieldwork writes are pruned.
  const fakeValidators: Array<[string, 'dir' | 'file', number]> = [
    [`${hex('a', 32)}-n1-v2`, 'dir', 4000], // stale
    [`${hex('b', 32)}-v1`, 'dir', 3000], // stale (the older naming)
    [`${hex('c', 32)}-n4-v1`, 'dir', 100], // recent: kept
    [`${hex('d', 32)}-n3-v2`, 'dir', 200], // recent: kept
    ['notes', 'dir', 9000], // not a cache name: kept
    [`${hex('e', 32)}-n1-v2`, 'file', 9000], // a file where directories live: kept
  ];
  const fakeDocuments: Array<[string, number]> = [
    [`${hex('a', 64)}-n1.json`, 4000],
    [`${hex('b', 64)}.json`, 3000],
    [`${hex('c', 64)}-n4.json`, 100],
    [`${hex('d', 64)}-n3.json`, 200],
    [`${hex('1', 64)}-n4.json.123-0-x.tmp`, 9000], // another writer's temp file: kept
    ['README', 9000],
  ];

  it('keeps the current entry and the two most recently used others, and touches nothing else', async () => {
    const outside = join(dir, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'precious'), 'x');
    mkdirSync(validatorsDir, { recursive: true });
    mkdirSync(specDir, { recursive: true });
    writeFileSync(join(cacheDir, 'other.txt'), 'x');
    for (const [name, kind, seconds] of fakeValidators) {
      const path = join(validatorsDir, name);
      if (kind === 'dir') {
        mkdirSync(path);
        writeFileSync(join(path, 'm.cjs'), '');
      } else writeFileSync(path, '');
      age(path, seconds);
    }
    // A symlink with a cache name pointing outside the cache: never followed or removed.
    symlinkSync(outside, join(validatorsDir, `${hex('f', 32)}-n1-v2`));
    for (const [name, seconds] of fakeDocuments) {
      writeFileSync(join(specDir, name), '{}');
      age(join(specDir, name), seconds);
    }

    const spec = await loadSpec(specFile('spec.yaml', SPEC), { cacheDir });
    expect(spec.fromCache).toBe(false);
    const doc = basename(documentCacheFile(cacheDir, spec.sha256));
    expect(ls(specDir)).toEqual([doc, `${hex('1', 64)}-n4.json.123-0-x.tmp`, `${hex('c', 64)}-n4.json`, `${hex('d', 64)}-n3.json`, 'README'].sort());
    // The validator directory is created on the first compile, and prunes its siblings then.
    expect(ls(validatorsDir)).toHaveLength(fakeValidators.length + 1);
    expect(spec.validate(spec.componentSchema('Thing')!, thing)).toEqual([]);
    const current = basename(validatorCacheDir(cacheDir, spec.sha256));
    expect(ls(validatorsDir)).toEqual(
      [current, `${hex('c', 32)}-n4-v1`, `${hex('d', 32)}-n3-v2`, 'notes', `${hex('e', 32)}-n1-v2`, `${hex('f', 32)}-n1-v2`].sort(),
    );
    expect(readFileSync(join(outside, 'precious'), 'utf8')).toBe('x');
    expect(readFileSync(join(cacheDir, 'other.txt'), 'utf8')).toBe('x');
  });

  it('a run that only reads a cache marks it used, so the next new spec keeps it', async () => {
    const file = join(dir, 'spec.yaml');
    const first = await loadSpec(file, { cacheDir });
    const current = validatorCacheDir(cacheDir, first.sha256);
    const doc = documentCacheFile(cacheDir, first.sha256);
    // Make this spec's entries the oldest of all, then use them from the cache.
    age(current, 50_000);
    age(doc, 50_000);
    const warm = await loadSpec(file, { cacheDir });
    expect(warm.fromCache).toBe(true);
    expect(warm.validate(warm.componentSchema('Thing')!, thing)).toEqual([]);
    expect(warm.validatorStats).toMatchObject({ compiled: 0, loadedFromCache: 1 });
    expect(statSync(doc).mtimeMs / 1000).toBeGreaterThan(now - 60);
    expect(statSync(current).mtimeMs / 1000).toBeGreaterThan(now - 60);

    // A new spec version: of the others, the one just used (and the next most recent) stay.
    const next = await loadSpec(specFile('next.yaml', SPEC.replace('enum: [a, b]', 'enum: [a, b, z]')), { cacheDir });
    expect(next.validate(next.componentSchema('Thing')!, thing)).toEqual([]);
    expect(ls(validatorsDir).filter((n) => VALIDATOR_CACHE.pattern.test(n) && statSync(join(validatorsDir, n)).isDirectory() && !lstatSync(join(validatorsDir, n)).isSymbolicLink())).toEqual(
      [basename(validatorCacheDir(cacheDir, next.sha256)), basename(current), `${hex('c', 32)}-n4-v1`].sort(),
    );
    expect(ls(specDir).filter((n) => DOCUMENT_CACHE.pattern.test(n))).toEqual([basename(documentCacheFile(cacheDir, next.sha256)), basename(doc), `${hex('c', 64)}-n4.json`].sort());
  });

  it('pruning refuses folders that are not the cache folder, and never throws', () => {
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    const victim = join(elsewhere, `${hex('a', 32)}-n1-v2`);
    mkdirSync(victim);
    age(victim, 9000);
    expect(pruneCacheSiblings(join(elsewhere, `${hex('b', 32)}-n4-v2`), VALIDATOR_CACHE, 0)).toEqual([]);
    expect(readdirSync(elsewhere)).toEqual([basename(victim)]);
    expect(pruneCacheSiblings(join(dir, 'missing', 'validators', 'x'), VALIDATOR_CACHE)).toEqual([]);
    // keep = 0 removes every other cache entry of the folder.
    const removed = pruneCacheSiblings(join(specDir, `${hex('9', 64)}-n9.json`), DOCUMENT_CACHE, 0);
    expect(removed).toHaveLength(3);
    expect(ls(specDir).filter((n) => DOCUMENT_CACHE.pattern.test(n))).toEqual([]);
  });

  it('a cache that cannot be written (validators is a file) costs a compile, never the run', async () => {
    const blocked = join(dir, 'blocked');
    mkdirSync(blocked);
    writeFileSync(join(blocked, 'validators'), 'not a directory');
    const spec = await loadSpec(join(dir, 'spec.yaml'), { cacheDir: blocked });
    expect(spec.validate(spec.componentSchema('Thing')!, { id: 1, created: 1, parent: null }).map((i) => i.keyword)).toEqual(['type']);
    expect(readFileSync(join(blocked, 'validators'), 'utf8')).toBe('not a directory');
  });
});
