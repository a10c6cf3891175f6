import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.ts';
import { REPO_ROOT } from './support/shared.ts';

/** `fieldwork read` driven in-process over the reader's hand-made fixtures. */
const FIXTURES = join(REPO_ROOT, 'harness/read/fixtures');
const tmp = mkdtempSync(join(tmpdir(), 'fieldwork-read-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { code, out, err } = await runCli(['read', ...args]);
  return { code, stdout: out, stderr: err };
}

describe('fieldwork read', () => {
  const fixtureCount = readdirSync(FIXTURES).length;

  it('--json prints exactly one document with files, exchanges, streamed and errors', async () => {
    const { code, stdout } = await run([FIXTURES, '--json']);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['files', 'exchanges', 'streamed', 'errors']);
    expect(doc['files']).toBe(fixtureCount);
    expect(doc['exchanges']).toBe(26);
    expect(doc['streamed']).toBe(7);
    expect(doc['errors']).toEqual([
      { file: join(FIXTURES, 'r-vcr.yml'), entry: 1, message: expect.stringMatching(/separate file/) },
      { file: join(FIXTURES, 'stream.test.ts.snap'), entry: 2, message: 'snapshot is not a raw body string' },
    ]);
  });

  it('prints one line per file, the errors under it, then totals', async () => {
    const { code, stdout } = await run([join(FIXTURES, 'vcrpy.yaml'), join(FIXTURES, 'stream.test.ts.snap')]);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/vcrpy\.yaml {2}vcr-yaml {2}exchanges 5 {2}streamed 1 {2}errors 0$/);
    expect(lines[1]).toMatch(/stream\.test\.ts\.snap {2}jest-snapshot {2}exchanges 2 {2}streamed 1 {2}errors 1$/);
    expect(lines[2]).toBe('  entry 2: snapshot is not a raw body string');
    expect(lines[3]).toBe('total: 2 files, 7 exchanges, 2 streamed, 1 errors');
  });

  it.each([
    [[], 0],
    [['--strict'], 1],
  ])('exit code with %j is %i when a file has errors', async (flags, expected) => {
    const missing = join(tmp, 'missing.har');
    const { code, stdout } = await run([missing, '--json', ...flags]);
    expect(code).toBe(expected);
    expect(JSON.parse(stdout)).toMatchObject({ files: 1, exchanges: 0, errors: [{ file: missing, entry: null }] });
  });

  it('--endpoint places body-only fixtures the body cannot place', async () => {
    const file = join(tmp, 'error.json');
    writeFileSync(file, '{"error":{"message":"bad","type":"invalid_request_error"}}');
    expect(JSON.parse((await run([file, '--json'])).stdout)).toMatchObject({ exchanges: 0, errors: [{ entry: null }] });
    const placed = await run([file, '--json', '--strict', '--endpoint', 'POST /v1/images/edits']);
    expect(placed.code).toBe(0);
    expect(JSON.parse(placed.stdout)).toEqual({ files: 1, exchanges: 1, streamed: 0, errors: [] });
  });

  it('--format skips sniffing', async () => {
    const { stdout } = await run([join(FIXTURES, 'vcrpy.yaml'), '--format', 'json-lines', '--json']);
    expect(JSON.parse(stdout)).toMatchObject({ files: 1, exchanges: 0 });
  });

  it.each([
    [['--format', 'csv'], /unknown --format "csv"; use one of: har, vcr-yaml/],
    [['--endpoint', 'chat'], /--endpoint must look like "POST \/v1\/chat\/completions"/],
  ])('rejects misuse %j with a message naming the fix', async (flags, message) => {
    const { code, stderr } = await run([FIXTURES, ...flags]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
