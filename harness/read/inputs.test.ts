import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listInputs, readInputs } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'fieldwork-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HAR = JSON.stringify({
  log: { entries: [{ request: { method: 'GET', url: 'https://api.openai.com/v1/models' }, response: { status: 200, headers: [], content: { text: '{}' } } }] },
});

mkdirSync(join(dir, 'b/nested'), { recursive: true });
mkdirSync(join(dir, 'node_modules/pkg'), { recursive: true });
writeFileSync(join(dir, 'a.har'), HAR);
writeFileSync(join(dir, 'b/nested/c.yaml'), 'interactions: []\n');
writeFileSync(join(dir, 'b/.hidden.bin'), 'data: {"object":"chat.completion.chunk"}\n\n');
writeFileSync(join(dir, 'README.md'), '# not a cassette\n');
writeFileSync(join(dir, 'manifest.json'), '[]');
writeFileSync(join(dir, 'notes.docx'), 'x');
writeFileSync(join(dir, 'node_modules/pkg/x.json'), '{}');
symlinkSync(join(dir, 'a.har'), join(dir, 'link.har'));

describe('listInputs / readInputs', () => {
  it('walks directories in sorted order, picking cassette-like files and skipping known non-cassettes', async () => {
    const files: string[] = [];
    for await (const file of listInputs([dir])) files.push(file.slice(dir.length + 1));
    expect(files).toEqual(['a.har', 'b/.hidden.bin', 'b/nested/c.yaml', 'link.har']);
  });

  it('reads files named explicitly whatever their name, and reports missing paths as errors', async () => {
    const results = [];
    for await (const result of readInputs([join(dir, 'README.md'), join(dir, 'missing.har'), join(dir, 'a.har')])) results.push(result);
    expect(results.map((r) => [r.format, r.exchanges.length, r.errors.map((e) => [e.entry, e.message])])).toEqual([
      [null, 0, [[null, expect.stringMatching(/unknown format/)]]],
      [null, 0, [[null, 'cannot read file (ENOENT)']]],
      ['har', 1, []],
    ]);
  });

  it('yields one result per file, so a caller can stop early', async () => {
    const seen: string[] = [];
    for await (const result of readInputs([dir])) {
      seen.push(result.format ?? 'unknown');
      if (seen.length === 2) break;
    }
    expect(seen).toEqual(['har', 'sse']);
  });
});
