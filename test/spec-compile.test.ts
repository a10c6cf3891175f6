/**
 * Every component schema of both spec versions compiles with Ajv 2020 after normalisation, and is
 * a valid draft 2020-12 schema. Validators are compiled in memory (no validator cache), so this
 * measures and proves real compilation.
 */
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../harness/spec/index.ts';
import { hasShared, REPO_ROOT, SPEC_2024_PATH, SPEC_PATH } from './support/shared.ts';

const CACHE = join(REPO_ROOT, '.cache/fieldwork-test');

describe.skipIf(!hasShared).each([
  { name: 'newest (3.1)', path: SPEC_PATH, schemas: 1422, nullable: 111 },
  { name: '2024-12-18 (3.0)', path: SPEC_2024_PATH, schemas: 284, nullable: 0 },
])('$name spec', ({ path, schemas, nullable }) => {
  it('compiles every component schema', async () => {
    const spec = await loadSpec(path, { cacheDir: CACHE, validatorCache: false });
    const names = spec.schemaNames();
    expect(names).toHaveLength(schemas);
    const failures: string[] = [];
    const started = performance.now();
    for (const name of names) {
      const error = spec.compile(spec.componentSchema(name)!);
      if (error) failures.push(`${name}: ${error.message}`);
    }
    const ms = performance.now() - started;
    expect(failures).toEqual([]);
    expect(spec.validatorStats).toMatchObject({ compiled: schemas, failed: 0, loadedFromCache: 0 });
    if (nullable > 0) expect(spec.normalisation.nullable).toBe(nullable);
    console.info(`compiled ${schemas} schemas of ${path.split('/').pop()} in ${Math.round(ms)} ms`);
  });

  it('leaves only valid draft 2020-12 schemas (no 3.0 keywords Ajv would silently ignore)', async () => {
    const spec = await loadSpec(path, { cacheDir: CACHE });
    const ajv = new Ajv2020({ strict: false });
    const invalid = spec.schemaNames().filter((name) => !ajv.validateSchema(spec.componentSchema(name)!.schema));
    expect(invalid).toEqual([]);
    const text = JSON.stringify(spec.document['components']);
    expect(text).not.toMatch(/"nullable":/);
    expect(text).not.toMatch(/"exclusiveMinimum":(true|false)/);
    expect(text).not.toMatch(/"\$recursive(Ref|Anchor)"/);
  });
});
