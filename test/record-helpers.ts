import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { resolveConfig, type FieldworkConfig, type FieldworkOptions } from '../harness/core/config.ts';
import { REPO_ROOT } from './support/shared.ts';
import { tempDir as removedTempDir } from './support/temp-dir.ts';

/** A loopback HTTP server for tests that counts every request and connection it gets. */
export interface TestServer {
  url: string;
  requests: number;
  connections: number;
  close(): Promise<void>;
}

/** A loopback server answering every request with the same small chat completion (`hi`). */
export function startChatServer(): Promise<TestServer> {
  return startServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ id: 'c', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'hi' } }] }));
  });
}

export async function startServer(handler: http.RequestListener = (_req, res) => res.end('{}')): Promise<TestServer> {
  const server = http.createServer((req, res) => {
    state.requests++;
    handler(req, res);
  });
  const state: TestServer = {
    url: '',
    requests: 0,
    connections: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on('connection', () => state.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  state.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return state;
}

/**
 * A fresh temp directory for recordings (tests never record into the committed ones), removed
 * after the calling test file.
 */
export function tempDir(prefix = 'fieldwork-rec-'): string {
  return removedTempDir(prefix);
}

/** Config rooted at the repo (for scenarios/ and fixtures) recording into `recordingsDir`. */
export function testConfig(recordingsDir: string, options: FieldworkOptions = {}): FieldworkConfig {
  return resolveConfig({ recordingsDir, ...options }, { FIELDWORK_TEST: '1' });
}

/** Every file under `dir` with its bytes, for byte-identical comparisons and secret scans. */
export function snapshotDir(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(path, readFileSync(path));
    }
  };
  walk(dir);
  return out;
}

/** Reads a body to bytes. */
export async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of req) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

/**
 * A temp project root whose `scenarios/<id>.ts` default-exports `defineScenario(<definition>)`,
 * for CLI tests that discover scenarios from disk. `definition` is the object literal's source.
 */
export function scenarioRoot(id: string, definition: string): string {
  const root = tempDir('fieldwork-root-');
  mkdirSync(join(root, 'scenarios'));
  writeFileSync(
    join(root, 'scenarios', `${id}.ts`),
    `import { defineScenario } from ${JSON.stringify(join(REPO_ROOT, 'harness/scenario/index.ts'))};\n` +
      `export default defineScenario(${definition});\n`,
  );
  return root;
}
