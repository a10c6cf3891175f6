import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Exchange, ReadResult } from '../harness/core/exchange.ts';
import { readInputs } from '../harness/read/index.ts';
import { CORPUS_DIR, hasShared } from './support/shared.ts';

/**
 * Reads the whole shared corpus in place through the streaming API and checks every file against
 * its own structure, counted here independently of the readers (and not copied from the manifest).
 */

interface ManifestEntry {
  file: string;
  format: string;
}

/** What the test keeps per file (the exchanges themselves are dropped after checking). */
interface Seen {
  format: string | null;
  exchanges: number;
  errors: string[];
  problems: string[];
  streamed: number;
  /** Events per streamed exchange, in order. */
  events: number[];
  /** Exchanges whose stored body was gzip (by header) and came out as parsed JSON. */
  gzipDecoded: number;
}

/** Interactions/entries in a file, counted from its raw text with the simplest possible rule. */
function expectedExchanges(text: string): number {
  const start = text.trimStart();
  if (start.startsWith('// Jest Snapshot')) return (text.match(/^exports\[`/gm) ?? []).length;
  if (/^(---\s*\n)?(http_)?interactions:/.test(start)) return (text.match(/^ {0,2}- request:/gm) ?? []).length;
  if (start.startsWith('{')) {
    try {
      const doc = JSON.parse(text) as Record<string, unknown>;
      if (Array.isArray(doc['Entries'])) return doc['Entries'].length;
      return 1; // dd-trace recording or a bare body
    } catch {
      return 1; // JSON lines: one stream
    }
  }
  return 1; // raw SSE
}

/** Problems with one exchange that the corpus must never show. */
function problemsOf(exchange: Exchange): string[] {
  const problems: string[] = [];
  const { response } = exchange;
  const type = response.headers['content-type'] ?? '';
  if (type.includes('event-stream') && !(response.events && response.events.length > 0)) {
    problems.push(`entry ${exchange.source.entry}: event-stream without events`);
  }
  if (type.includes('application/json') && response.body.kind === 'bytes') {
    problems.push(`entry ${exchange.source.entry}: JSON body left as bytes`);
  }
  if ((response.headers['content-encoding'] ?? '').includes('gzip') && type.includes('json')) {
    if (response.body.kind !== 'json' && !response.events) problems.push(`entry ${exchange.source.entry}: gzip body not decoded`);
  }
  for (const event of response.events ?? []) {
    if (event.data === '[DONE]') continue;
    if (!event.json) problems.push(`entry ${exchange.source.entry}: event ${event.index} is not JSON`);
  }
  return problems;
}

describe.skipIf(!hasShared)('reading the shared corpus', () => {
  const manifest = hasShared
    ? (JSON.parse(readFileSync(join(CORPUS_DIR, 'manifest.json'), 'utf8')) as ManifestEntry[])
    : [];
  const seen = new Map<string, Seen>();
  let elapsedMs = 0;

  beforeAll(async () => {
    const started = performance.now();
    for await (const result of readInputs([CORPUS_DIR])) {
      const file = relative(CORPUS_DIR, result.file);
      seen.set(file, summarise(result));
    }
    elapsedMs = performance.now() - started;
  });

  function summarise(result: ReadResult): Seen {
    return {
      format: result.format,
      exchanges: result.exchanges.length,
      errors: result.errors.map((e) => `[${e.entry}] ${e.message}`),
      problems: result.exchanges.flatMap(problemsOf),
      streamed: result.exchanges.filter((e) => e.response.events).length,
      events: result.exchanges.flatMap((e) => (e.response.events ? [e.response.events.length] : [])),
      gzipDecoded: result.exchanges.filter(
        (e) => (e.response.headers['content-encoding'] ?? '').includes('gzip') && e.response.body.kind === 'json',
      ).length,
    };
  }

  it('reads every manifest file, and only those', () => {
    expect(manifest.length).toBeGreaterThan(800);
    expect([...seen.keys()].sort()).toEqual(manifest.map((m) => m.file).sort());
    // Timing is printed, not asserted (speed targets live in benchmarks, not in timed tests).
    console.log(`read ${seen.size} corpus files in ${Math.round(elapsedMs)} ms`);
  });

  it('yields as many exchanges per file as the file has interactions/entries', () => {
    const mismatches: string[] = [];
    for (const { file } of manifest) {
      const got = seen.get(file);
      const text = readFileSync(join(CORPUS_DIR, file), 'utf8');
      const expected = expectedExchanges(text);
      // A body-only error fixture names no endpoint: it must say so instead of guessing.
      const unplaceable = got?.errors.some((e) => e.includes('--endpoint')) ?? false;
      if (!got || got.exchanges + (unplaceable ? 1 : 0) !== expected) {
        mismatches.push(`${file}: expected ${expected}, got ${got?.exchanges}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('reads without errors except body-only error fixtures that name no endpoint', () => {
    const errors = [...seen.entries()].flatMap(([file, s]) =>
      s.errors.filter((e) => !e.includes('--endpoint')).map((e) => `${file} ${e}`),
    );
    expect(errors).toEqual([]);
    const unplaceable = [...seen.values()].filter((s) => s.errors.length > 0);
    expect(unplaceable.length).toBeLessThanOrEqual(2);
  });

  it('parses every event stream into JSON events and decodes every gzip body', () => {
    const problems = [...seen.entries()].flatMap(([file, s]) => s.problems.map((p) => `${file} ${p}`));
    expect(problems).toEqual([]);
  });

  it.each([
    ['vcr-yaml', 'vcr-yaml'],
    ['ruby-vcr', 'vcr-yaml'],
    ['azure-proxy', 'test-proxy-json'],
    ['dd-trace-json', 'json-recording'],
    ['json-body', 'json-body'],
    ['jest-snapshot', 'jest-snapshot'],
  ])('sniffs %s files from their content', (format, manifestFormat) => {
    const files = [...seen.entries()].filter(([, s]) => s.format === format);
    expect(files.length).toBeGreaterThan(0);
    for (const [file] of files) {
      expect(manifest.find((m) => m.file === file)?.format, file).toBe(manifestFormat);
    }
  });

  it('decodes gzip bodies (the check above is not vacuous)', () => {
    const decodedCount = [...seen.values()].reduce((n, s) => n + s.gzipDecoded, 0);
    // VCR.py `!!binary` gzip bodies of the corpus, counted from the raw files.
    const binaryGzipFiles = manifest.filter((m) => {
      const text = readFileSync(join(CORPUS_DIR, m.file), 'utf8');
      return /string: !!binary \|\n\s+H4sI/.test(text);
    });
    expect(binaryGzipFiles.length).toBeGreaterThan(10);
    for (const { file } of binaryGzipFiles) expect(seen.get(file)?.gzipDecoded, file).toBeGreaterThan(0);
    expect(decodedCount).toBeGreaterThanOrEqual(binaryGzipFiles.length);
  });

  it('yields one event per data: line of raw SSE files and per line of JSON-lines files', () => {
    for (const [file, s] of seen) {
      if (s.format !== 'sse' && s.format !== 'json-lines') continue;
      const text = readFileSync(join(CORPUS_DIR, file), 'utf8');
      const expected = s.format === 'sse' ? (text.match(/^data:/gm) ?? []).length : text.split('\n').filter((l) => l.trim()).length;
      expect(s.events, file).toEqual([expected]);
    }
  });

  it('turns raw SSE and JSON-lines fixtures into one streamed exchange each', () => {
    const streams = [...seen.entries()].filter(([, s]) => s.format === 'sse' || s.format === 'json-lines');
    expect(streams.length).toBeGreaterThan(0);
    for (const [file, s] of streams) {
      expect(manifest.find((m) => m.file === file)?.format, file).toBe('sse-chunks');
      expect(s.streamed, file).toBe(1);
    }
  });
});
