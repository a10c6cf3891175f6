import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../harness/core/report.ts';
import { analyzeInputs } from '../harness/map/index.ts';
import { readInputs } from '../harness/read/index.ts';
import { corpusSlice } from '../harness/report/fixtures/corpus-slice.ts';
import { loadSpec } from '../harness/spec/index.ts';
import { writeGenerated } from '../harness/typegen/files.ts';
import { generateTypes, observedName } from '../harness/typegen/generate.ts';
import { satisfiesSource, typedPayloads, type TypedPayload } from '../harness/typegen/payload-check.ts';
import { runCliIn } from './support/cli.ts';
import { CORPUS_DIR, hasShared, REPO_ROOT, SPEC_PATH } from './support/shared.ts';
import { tempDir } from './support/temp-dir.ts';

const TSC = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');


/** Type-checks one file with the project's strictness; returns tsc's output ('' when clean). */
function tsc(dir: string, file: string): { status: number | null; out: string } {
  const config = join(dir, `tsconfig.${file}.json`);
  const compilerOptions = {
    strict: true,
    noEmit: true,
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    allowImportingTsExtensions: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    skipLibCheck: true,
    types: [],
  };
  writeFileSync(config, JSON.stringify({ compilerOptions, files: [file] }));
  const r = spawnSync(process.execPath, [TSC, '-p', config, '--pretty', 'false'], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

/** Top-level undocumented fields with a value from a real payload: `{ field: value }`. */
function undocumentedSamples(report: Report, groupSchemas: Record<string, string>, payloads: TypedPayload[]): TypedPayload[] {
  const out: TypedPayload[] = [];
  for (const group of report.observations) {
    const schema = groupSchemas[group.key];
    for (const f of group.fields) {
      if (f.documented || !/^[A-Za-z_][\w]*$/.test(f.path) || !schema) continue;
      const p = payloads.find((x) => x.schema === schema && typeof x.value === 'object' && x.value !== null && f.path in x.value);
      if (p) out.push({ schema, where: `${p.where} (${f.path} only)`, value: { [f.path]: (p.value as Record<string, unknown>)[f.path] } });
    }
  }
  return out;
}

describe.skipIf(!hasShared)('generated types against every recorded payload (recordings + corpus slice)', async () => {
  const inputs = [join(REPO_ROOT, 'recordings'), ...corpusSlice(CORPUS_DIR)];
  const spec = await loadSpec(SPEC_PATH, { cacheDir: null });
  const report = await analyzeInputs(inputs, spec);
  const result = await generateTypes(report, spec.document);
  const dir = tempDir('fieldwork-typegen-e2e-');
  writeGenerated(dir, result.files);
  const payloads: TypedPayload[] = [];
  for await (const file of readInputs(inputs)) for (const ex of file.exchanges) payloads.push(...typedPayloads(ex, spec, result.groupSchemas));
  const undocumented = undocumentedSamples(report, result.groupSchemas, payloads);

  it('covers bodies and stream events of several operations', () => {
    expect(payloads.length).toBeGreaterThan(40);
    expect(new Set(payloads.map((p) => p.schema)).size).toBeGreaterThan(8);
    expect(undocumented.length).toBeGreaterThan(0);
  });

  it('every payload satisfies its observed type (tsc --noEmit)', () => {
    const source =
      satisfiesSource(payloads, './observed.ts', observedName) +
      undocumented.map((u, i) => `export const u${i} = ${JSON.stringify(u.value)} satisfies Partial<T.${observedName(u.schema)}>;`).join('\n');
    writeFileSync(join(dir, 'check-observed.ts'), `${source}\n`);
    const r = tsc(dir, 'check-observed.ts');
    expect(r.out).toBe('');
    expect(r.status).toBe(0);
  });

  it('the spec type rejects every undocumented top-level field seen (excess property)', () => {
    const lines = ["import type * as T from './spec.ts';"];
    undocumented.forEach((u, i) => lines.push(`export const u${i} = ${JSON.stringify(u.value)} satisfies Partial<T.${u.schema}>;`));
    writeFileSync(join(dir, 'check-spec.ts'), `${lines.join('\n')}\n`);
    const r = tsc(dir, 'check-spec.ts');
    expect(r.status).not.toBe(0);
    // Object schemas must reject each one; a union may document the field on another branch
    // (the mapper picked the closest branch), so unions are only required to be in the output once.
    const specTs = result.files.get('spec.ts') ?? '';
    let rejected = 0;
    for (const u of undocumented) {
      const field = Object.keys(u.value as object)[0]!;
      const hit = new RegExp(`TS2353: Object literal may only specify known properties, and '\\\\?"?${field}\\\\?"?' does not exist`).test(r.out);
      if (hit) rejected++;
      if (specTs.includes(`export interface ${u.schema} {`)) expect(hit, `${u.schema}.${field}`).toBe(true);
    }
    expect(rejected).toBeGreaterThan(0);
  });

  it('the whole recorded payload set fails against the spec types', () => {
    writeFileSync(join(dir, 'check-spec-all.ts'), satisfiesSource(payloads, './spec.ts', (n) => n));
    expect(tsc(dir, 'check-spec-all.ts').status).not.toBe(0);
  });

  it('fieldwork typegen --check exits 0 when fresh and 1 when stale', async () => {
    const root = tempDir('fieldwork-typegen-cli-');
    mkdirSync(join(root, 'reports'));
    writeFileSync(join(root, 'reports/report.json'), JSON.stringify(report));
    // Share the parsed-spec cache of the checkout so each run skips the YAML parse.
    writeFileSync(join(root, 'fieldwork.config.json'), JSON.stringify({ cacheDir: join(REPO_ROOT, '.cache/fieldwork-test') }));
    expect((await runCliIn(root, 'typegen')).code).toBe(0);
    expect(readFileSync(join(root, 'generated/observed.ts'), 'utf8')).toBe(result.files.get('observed.ts'));
    const fresh = await runCliIn(root, 'typegen', '--check');
    expect(fresh.out).toContain('is up to date');
    expect(fresh.code).toBe(0);
    const changed = structuredClone(report);
    const group = changed.observations.find((g) => g.schema && g.fields.length > 1)!;
    group.fields.push({ path: 'brand_new_field', count: 1, types: { string: 1 }, examples: ['"x"'], models: [], providers: [], documented: false });
    writeFileSync(join(root, 'reports/report.json'), JSON.stringify(changed));
    const stale = await runCliIn(root, 'typegen', '--check');
    expect(stale.out).toContain('observed.ts: differs');
    expect(stale.code).toBe(1);
  });
});
