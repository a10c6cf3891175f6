import { describe, expect, it } from 'vitest';
import type { ReadResult } from '../harness/core/exchange.ts';
import { readBytes } from '../harness/read/index.ts';
import { FUZZ_SEED, generateCases, loadFuzzInputs, MUTATORS, type FuzzCase } from './support/fuzz/cases.ts';
import { CORPUS_DIR, hasShared } from './support/shared.ts';

/**
 * Fuzzed cassettes through the readers: corpus files (read in place) broken by seeded mutators.
 * Reproduce a failure with FIELDWORK_FUZZ_SEED=<seed> FIELDWORK_FUZZ_CASES=<n>; each failure
 * message names the case index, mutator, source file and what was done.
 */
const FUZZ_CASES = Number(process.env['FIELDWORK_FUZZ_CASES'] ?? 1260);

/** Problems with one case's result; empty when the reader behaved. */
function judge(c: FuzzCase, file: string, result: ReadResult): string[] {
  const problems: string[] = [];
  if (result.file !== file) problems.push(`result names ${result.file}`);
  for (const error of result.errors) {
    if (error.file !== file) problems.push(`error names file ${error.file}`);
    if (error.entry !== null && !(Number.isInteger(error.entry) && error.entry >= 0)) problems.push(`error entry ${String(error.entry)}`);
    if (typeof error.message !== 'string' || error.message.length === 0) problems.push('error without a message');
    // Messages must not echo input (a body may hold a secret): the fuzzer's filler must never show.
    if (/x{64}/.test(error.message) || error.message.length > 1000) problems.push('error message echoes input');
  }
  for (const ex of result.exchanges) if (ex.source.file !== file) problems.push(`exchange names ${ex.source.file}`);
  if (c.expect === 'error' && result.errors.length === 0) problems.push('broken file read without an error');
  if (c.expect === 'entry-error' && !result.errors.some((e) => e.entry !== null)) {
    problems.push(`no error names the damaged entry (errors: ${JSON.stringify(result.errors.map((e) => [e.entry, e.message]))})`);
  }
  if (c.intactEntries) {
    const read = new Set(result.exchanges.map((ex) => ex.source.entry));
    const lost = c.intactEntries.filter((i) => !read.has(i));
    if (lost.length > 0) problems.push(`intact entries ${lost.join(',')} were not read`);
  }
  return problems;
}

/** How a failure names its case: index, mutator, source file and what was done. */
const label = (c: FuzzCase): string => `case ${c.index} ${c.mutator} on ${c.source} (${c.note})`;

/** Reader exceptions that readBytes caught and turned into a file-level error (the file is lost). */
const contained = (result: ReadResult): boolean => result.errors.some((e) => /internal reader error/.test(e.message));

describe.skipIf(!hasShared)('fuzzed cassettes: read', () => {
  const containedCases: string[] = [];

  it(`reads ${FUZZ_CASES} mutated corpus files without crashing; errors name file and entry`, () => {
    const inputs = loadFuzzInputs(CORPUS_DIR);
    const failures: string[] = [];
    const perMutator = new Map<string, { cases: number; withErrors: number; exchanges: number }>();
    let cases = 0;
    for (const c of generateCases(inputs, FUZZ_CASES, FUZZ_SEED)) {
      cases++;
      const file = `/fuzz/${c.name}`;
      const stats = perMutator.get(c.mutator) ?? { cases: 0, withErrors: 0, exchanges: 0 };
      perMutator.set(c.mutator, stats);
      stats.cases++;
      let result: ReadResult;
      try {
        result = readBytes(file, c.bytes);
      } catch (error) {
        failures.push(`${label(c)}: threw ${(error as Error).stack}`);
        continue;
      }
      if (result.errors.length > 0) stats.withErrors++;
      if (contained(result)) containedCases.push(label(c));
      stats.exchanges += result.exchanges.length;
      const problems = judge(c, file, result);
      if (problems.length > 0) failures.push(`${label(c)}: ${problems.join('; ')}`);
    }
    console.log(`fuzz read: ${cases} cases, seed ${FUZZ_SEED}`);
    console.table(Object.fromEntries(perMutator));
    expect(cases).toBeGreaterThanOrEqual(1000);
    expect(perMutator.size).toBe(MUTATORS.length);
    expect(failures.slice(0, 20)).toEqual([]);
  });

  // Fixed in the reader: a bad entry (e.g. a deeply nested header value) is reported on its own
  // instead of being caught as an "internal reader error" that loses the whole file.
  it('no reader exception is merely contained (each bad entry is reported on its own)', () => {
    console.log(`contained reader exceptions: ${containedCases.length}`);
    expect(containedCases.slice(0, 10)).toEqual([]);
  });
});
