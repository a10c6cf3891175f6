import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FieldworkError } from '../harness/core/errors.ts';
import { readSpecLock, syncSpec } from '../harness/spec/index.ts';
import { runSpecCli } from './spec-cli.ts';
import { REPO_ROOT } from './support/shared.ts';

const SPEC = 'openapi: 3.1.0\ninfo: { title: tiny, version: "1" }\npaths: {}\n';
const SHA = createHash('sha256').update(SPEC).digest('hex');

describe('spec sync', () => {
  let server: Server;
  let base: string;
  let root: string;
  let schemas: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/openapi.yaml') res.writeHead(200, { 'content-type': 'application/yaml' }).end(SPEC);
      else if (req.url === '/other.yaml') res.writeHead(200).end(`${SPEC}# changed\n`);
      else res.writeHead(404).end('not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'fieldwork-sync-'));
    schemas = join(root, 'schemas');
    mkdirSync(schemas);
    writeFileSync(join(schemas, 'spec.lock.json'), JSON.stringify({ url: `${base}/openapi.yaml`, sha256: SHA }));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('the committed lock pins the spec SOURCE.md describes', () => {
    const lock = readSpecLock(join(REPO_ROOT, 'schemas'));
    expect(lock.sha256).toBe('db5d7478feae10b4d331834c60d9765a8aa042e38419f9b1694288c11aa8ebc8');
    expect(lock.url).toBe('https://raw.githubusercontent.com/openai/openai-openapi/f85dbe223d40e1a31cba812ab2d755c7e98a92a3/openapi.yaml');
  });

  it('downloads, verifies and writes schemas/openapi.yaml; a second run is a no-op', async () => {
    const first = await syncSpec({ schemasDir: schemas });
    expect(first).toMatchObject({ changed: true, sha256: SHA, bytes: SPEC.length, source: `${base}/openapi.yaml` });
    expect(readFileSync(join(schemas, 'openapi.yaml'), 'utf8')).toBe(SPEC);
    expect(await syncSpec({ schemasDir: schemas })).toMatchObject({ changed: false });
    expect(readdirSync(schemas).sort()).toEqual(['openapi.yaml', 'spec.lock.json']);
  });

  it('refuses a spec with another hash and leaves the existing one alone', async () => {
    writeFileSync(join(schemas, 'openapi.yaml'), 'previous');
    const error = await syncSpec({ schemasDir: schemas, url: `${base}/other.yaml` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FieldworkError);
    expect((error as FieldworkError).code).toBe('E_SPEC_HASH');
    expect((error as Error).message).toMatch(/--sha256 [0-9a-f]{64}/);
    expect(readFileSync(join(schemas, 'openapi.yaml'), 'utf8')).toBe('previous');
    expect(readdirSync(schemas).sort()).toEqual(['openapi.yaml', 'spec.lock.json']);
  });

  it('accepts another hash when told to', async () => {
    const other = createHash('sha256').update(`${SPEC}# changed\n`).digest('hex');
    expect(await syncSpec({ schemasDir: schemas, url: `${base}/other.yaml`, sha256: other })).toMatchObject({ changed: true, sha256: other });
  });

  it.each([
    ['an HTTP error', `/missing.yaml`, /HTTP 404/],
    ['no server', 'http://127.0.0.1:1/openapi.yaml', /--from FILE/],
  ])('reports %s with the offline fix', async (_name, url, message) => {
    const error = await syncSpec({ schemasDir: schemas, url: url.startsWith('/') ? `${base}${url}` : url, timeoutMs: 5000 }).catch((e: unknown) => e);
    expect((error as FieldworkError).code).toBe('E_SPEC_DOWNLOAD');
    expect((error as Error).message).toMatch(message);
    expect(existsSync(join(schemas, 'openapi.yaml'))).toBe(false);
  });

  it('copies a local file with --from through the CLI', async () => {
    const local = join(root, 'downloaded.yaml');
    writeFileSync(local, SPEC);
    const { code, out } = await runSpecCli(['--root', root, 'spec', 'sync', '--from', local]);
    expect(code).toBe(0);
    expect(out).toMatch(/wrote schemas\/openapi\.yaml|wrote .*openapi\.yaml/);
    expect(readFileSync(join(schemas, 'openapi.yaml'), 'utf8')).toBe(SPEC);
  });

  it('the CLI prints the fix for a hash mismatch and exits 2', async () => {
    const local = join(root, 'wrong.yaml');
    writeFileSync(local, 'something else');
    const { code, err } = await runSpecCli(['--root', root, 'spec', 'sync', '--from', local]);
    expect(code).toBe(2);
    expect(err).toMatch(/sha256 .* pins /);
  });
});
