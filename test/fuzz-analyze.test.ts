import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../harness/core/report.ts';
import { analyzeInputs } from '../harness/map/index.ts';
import { readBytes } from '../harness/read/index.ts';
import { loadSpec } from '../harness/spec/index.ts';
import { FUZZ_SEED, generateCases, loadFuzzInputs, type FuzzCase } from './support/fuzz/cases.ts';
import { CORPUS_DIR, SPEC_PATH, hasShared } from './support/shared.ts';

/**
 * Fuzzed cassettes through the whole analysis: every mutated file plus a set of intact corpus
 * files (read in place) in one `analyzeInputs` run. The run must finish, every bad input must come
 * back as a read error naming its file, and every exchange the readers recover (intact files in
 * full) must be analysed. Seeded from FUZZ_SEED like fuzz-read.test.ts, one stream further on
 * (seed + 1); its case count is FIELDWORK_FUZZ_ANALYZE_CASES.
 */
const SEED = FUZZ_SEED + 1;
const CASES = Number(process.env['FIELDWORK_FUZZ_ANALYZE_CASES'] ?? 540);

/** Intact files of every format the corpus has, analysed beside the broken ones. */
const INTACT = [
  'DataDog__dd-trace-py/tests__cassettes__openai__openai_completions_post_05ff41f7.json',
  'openai__openai-dotnet/tests__SessionRecords__ChatTests__AuthFailure.json',
  'vercel__ai/packages__openai__src__chat____fixtures____openai-text.json',
  'vercel__ai/packages__openai__src__completion____fixtures____openai-completion-text.chunks.txt',
].map((f) => join(CORPUS_DIR, f));

describe.skipIf(!hasShared)('fuzzed cassettes: analyze', () => {
  let dir: string;
  let cacheDir: string;
  let cases: FuzzCase[];
  let report: Report;
  let ms: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fieldwork-fuzz-'));
    cacheDir = mkdtempSync(join(tmpdir(), 'fieldwork-fuzz-cache-'));
    cases = [...generateCases(loadFuzzInputs(CORPUS_DIR), CASES, SEED)];
    for (const c of cases) writeFileSync(join(dir, c.name), c.bytes);
    const spec = await loadSpec(SPEC_PATH, { cacheDir });
    const started = performance.now();
    report = await analyzeInputs([dir, ...INTACT], spec);
    ms = performance.now() - started;
  }, 180_000);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it(`analyses ${CASES} mutated files and the intact ones in one run`, () => {
    console.log(`fuzz analyze: ${cases.length} cases + ${INTACT.length} intact files in ${(ms / 1000).toFixed(1)} s, seed ${SEED}`);
    expect(cases.length).toBe(CASES);
    expect(report.summary.files).toBe(cases.length + INTACT.length);
  });

  it('analyses every exchange the readers recover, intact files included', () => {
    const expected = [...cases.map((c) => ({ file: join(dir, c.name), bytes: c.bytes })), ...INTACT.map((file) => ({ file, bytes: readFileSync(file) }))];
    let exchanges = 0;
    let errors = 0;
    for (const { file, bytes } of expected) {
      const result = readBytes(file, bytes);
      exchanges += result.exchanges.length;
      errors += result.errors.length;
    }
    expect(report.summary.exchanges).toBe(exchanges);
    expect(report.summary.errors).toBeGreaterThanOrEqual(errors);
    for (const file of INTACT) expect(readBytes(file, readFileSync(file)).exchanges.length).toBeGreaterThan(0);
  });

  it('reports each bad input as a read error naming its file (never an intact one)', () => {
    const readErrors = report.findings.filter((f) => f.kind === 'read-error');
    expect(report.summary.byKind['read-error'] ?? 0).toBeGreaterThan(cases.length / 4);
    for (const f of readErrors) {
      expect(f.file.startsWith(dir), `${f.file}: ${f.message}`).toBe(true);
      expect(f.entry === null || (Number.isInteger(f.entry) && f.entry >= 0)).toBe(true);
      expect(f.message.length).toBeGreaterThan(0);
    }
    for (const f of report.findings) expect(f.file.length).toBeGreaterThan(0);
  });

  it('no exchange crashed the mapper ("analysis failed" is a contained crash)', () => {
    const crashes = report.findings.filter((f) => f.kind === 'read-error' && /analysis failed/.test(f.message));
    expect(crashes.map((f) => `${f.file}#${f.entry}: ${f.message}`)).toEqual([]);
  });
});
