import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { buildHar, harMissingKeys, isDdTraceRecording } from './har.ts';
import { BYTE_MUTATORS, type FuzzInput, type Mutated, type Mutator } from './mutators.ts';
import { caseSeed, Rng } from './prng.ts';

/** The run's seed (`FIELDWORK_FUZZ_SEED` reproduces a failure); each fuzz test derives its own stream from it. */
export const FUZZ_SEED = Number(process.env['FIELDWORK_FUZZ_SEED'] ?? 20261122);

/** Every mutator, in the order cases cycle through them (so each gets an equal share). */
export const MUTATORS: readonly Mutator[] = [...BYTE_MUTATORS, harMissingKeys];

/** One reproducible fuzz case: rerun it with the same seed and index. */
export interface FuzzCase extends Mutated {
  index: number;
  seed: number;
  mutator: string;
  /** Corpus file (or `synthetic:*.har`) the case was derived from. */
  source: string;
}

function toInput(name: string, bytes: Buffer): FuzzInput {
  const text = bytes.toString('utf8');
  let json: unknown;
  if (/^\s*[{[]/.test(text)) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return { name, bytes, text, json };
}

/**
 * Corpus files to mutate (read in place, never copied into the project), limited to small files
 * so a thousand cases stay fast, plus HAR logs built from the dd-trace recordings.
 */
export function loadFuzzInputs(corpusDir: string, maxBytes = 48 * 1024): FuzzInput[] {
  const inputs: FuzzInput[] = [];
  const ddtrace: unknown[] = [];
  for (const dir of readdirSync(corpusDir).sort()) {
    const full = join(corpusDir, dir);
    if (!statSync(full).isDirectory()) continue;
    for (const file of readdirSync(full).sort()) {
      const path = join(full, file);
      const size = statSync(path).size;
      if (size > maxBytes) continue;
      const input = toInput(`${dir}__${file}`, readFileSync(path));
      inputs.push(input);
      if (isDdTraceRecording(input.json)) ddtrace.push(input.json);
    }
  }
  // HAR logs of 1-4 entries; every third one carries a gzip-encoded body.
  for (let i = 0, n = 0; i < ddtrace.length; i += 1 + (n % 4), n++) {
    const group = ddtrace.slice(i, i + 1 + (n % 4)) as Parameters<typeof buildHar>[0];
    const har = buildHar(group, n % 3 === 0 ? 0 : null);
    inputs.push(toInput(`synthetic-${n}.har`, Buffer.from(JSON.stringify(har, null, 2))));
  }
  return inputs;
}

/**
 * Generates `count` cases from `seed`: case i uses mutator i mod |MUTATORS| on a file drawn with
 * its own PRNG stream, so any single case can be regenerated without the ones before it.
 */
export function* generateCases(inputs: readonly FuzzInput[], count: number, seed: number): Generator<FuzzCase> {
  const byMutator = MUTATORS.map((m) => inputs.filter((input) => m.applies(input)));
  for (let index = 0; index < count; index++) {
    const slot = index % MUTATORS.length;
    const mutator = MUTATORS[slot]!;
    const candidates = byMutator[slot]!;
    if (candidates.length === 0) continue;
    const rng = new Rng(caseSeed(seed, index));
    const input = rng.pick(candidates);
    const mutated = mutator.mutate(input, rng);
    const name = `case-${String(index).padStart(4, '0')}-${mutator.name}-${basename(mutated.name)}`;
    yield { ...mutated, name, index, seed, mutator: mutator.name, source: input.name };
  }
}
