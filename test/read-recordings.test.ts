import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listInputs, readFile } from '../harness/read/index.ts';
import { REPO_ROOT } from './support/shared.ts';

/**
 * Our own Polly cassettes (recordings/, written by the recorder) read back through the HAR
 * reader: the contract between recording and reading (`log._fieldwork`, `entry._chunks`).
 */
const RECORDINGS = join(REPO_ROOT, 'recordings');

interface HarShape {
  log: {
    _fieldwork?: { provider?: string; scenario?: string };
    entries: { _chunks?: { offsetMs: number; bytes: number }[]; response: { content: { mimeType?: string } } }[];
  };
}

async function harFiles(): Promise<string[]> {
  const files: string[] = [];
  if (!existsSync(RECORDINGS)) return files;
  for await (const file of listInputs([RECORDINGS])) if (file.endsWith('.har')) files.push(file);
  return files;
}

describe('reading our own recordings', async () => {
  const files = await harFiles();

  it.skipIf(files.length === 0)('reads every committed cassette with its provider, meta and stream timing', async () => {
    let streamed = 0;
    for (const file of files) {
      const har = JSON.parse(readFileSync(file, 'utf8')) as HarShape;
      const result = await readFile(file);
      expect(result.errors, file).toEqual([]);
      expect(result.format, file).toBe('har');
      expect(result.exchanges, file).toHaveLength(har.log.entries.length);
      result.exchanges.forEach((exchange, i) => {
        const entry = har.log.entries[i]!;
        if (har.log._fieldwork?.provider) expect(exchange.provider).toBe(har.log._fieldwork.provider);
        expect(exchange.source.meta?.['scenario']).toBe(har.log._fieldwork?.scenario);
        if (entry._chunks && entry._chunks.length > 0) {
          streamed++;
          expect(exchange.timing?.chunkOffsetsMs).toEqual(entry._chunks.map((c) => c.offsetMs));
          const events = exchange.response.events ?? [];
          expect(events.length, file).toBeGreaterThan(0);
          for (const event of events) expect(event.offsetMs, file).toBeTypeOf('number');
        }
        if ((entry.response.content.mimeType ?? '').includes('json')) {
          expect(exchange.response.body.kind, `${file} #${i}`).toMatch(/json|empty/);
        }
      });
    }
    console.log(`read ${files.length} recordings, ${streamed} streamed entries with timing`);
  });
});
