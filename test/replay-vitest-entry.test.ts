import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LLMock } from '@copilotkit/aimock';
import { cassetteMode, openCassette, useCassette } from '../harness/vitest/index.ts';
import { REPO_ROOT } from './support/shared.ts';
import { snapshotDir, tempDir } from './record-helpers.ts';

// The `fieldwork/vitest` entry as a user's suite would use it: record once with openCassette,
// then replay with useCassette against a closed port (any socket would fail the test).
const dir = tempDir();
const SENTINEL = 'sk-vitest-entry-SENTINEL-5150';
const CLOSED = 'http://127.0.0.1:9/v1';
const ask = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'fieldwork: say hello' }] };
let recordedContent: string | null | undefined;

describe('record phase (openCassette, mode new)', () => {
  it('records SDK and plain-fetch traffic into recordings/<provider>/<name>.har', async () => {
    const mock = new LLMock({ port: 0, host: '127.0.0.1', logLevel: 'silent' });
    mock.loadFixtureFile(join(REPO_ROOT, 'scenarios/fixtures/aimock/recording-core.json'));
    const url = await mock.start();
    try {
      const cassette = openCassette('suite/chat', { mode: 'new', baseURL: `${url}/v1`, provider: 'aimock', recordingsDir: dir, apiKey: SENTINEL });
      recordedContent = (await cassette.client.chat.completions.create(ask)).choices[0]?.message.content;
      const plain = await cassette.fetch(`${url}/v1/embeddings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${SENTINEL}` },
        body: JSON.stringify({ model: 'text-embedding-3-small', input: 'x' }),
      });
      expect(plain.status).toBe(200);
      await cassette.close();
      expect(cassette.file).toBe(join(dir, 'aimock', 'suite', 'chat.har'));
    } finally {
      await mock.stop();
    }
    expect(recordedContent).toContain('Hello from aimock');
    const har = JSON.parse(readFileSync(join(dir, 'aimock/suite/chat.har'), 'utf8'));
    expect(har.log.entries).toHaveLength(2);
    for (const bytes of snapshotDir(dir).values()) expect(bytes.toString().includes(SENTINEL)).toBe(false);
  });
});

describe('replay phase (useCassette, mode replay)', () => {
  const cassette = useCassette('suite/chat', { mode: 'replay', baseURL: CLOSED, provider: 'aimock', recordingsDir: dir });

  it('gives the test a client bound to the cassette', async () => {
    expect(cassette.mode).toBe('replay');
    const completion = await cassette.client.chat.completions.create(ask);
    expect(completion.choices[0]?.message.content).toBe(recordedContent);
  });

  it('gives the test a fetch bound to the same cassette', async () => {
    const response = await cassette.fetch(`${CLOSED}/embeddings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input: 'x', model: 'text-embedding-3-small' }),
    });
    expect(((await response.json()) as { data: unknown[] }).data).toHaveLength(1);
  });
});

describe('replay phase with global fetch captured', () => {
  useCassette('suite/chat', { mode: 'replay', baseURL: CLOSED, provider: 'aimock', recordingsDir: dir, globalFetch: true });

  it('serves code that calls global fetch directly from the cassette', async () => {
    const response = await fetch(`${CLOSED}/embeddings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'text-embedding-3-small', input: 'x' }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { object: string }).object).toBe('list');
  });
});

describe('lockdown and mode', () => {
  it('a request the cassette lacks fails with a message that says how to record it', async () => {
    const cassette = openCassette('suite/chat', { mode: 'replay', baseURL: CLOSED, provider: 'aimock', recordingsDir: dir });
    await expect(cassette.client.chat.completions.create({ ...ask, model: 'other-model' })).rejects.toThrow();
    expect(() => cassette.assertNoMissing()).toThrow(/No recording of POST \/v1\/chat\/completions in cassette "suite\/chat".*FIELDWORK_MODE=new/);
    expect(cassette.session.networkRequests).toBe(0);
    await cassette.close();
  });

  it('a missing cassette fails at open, without network', () => {
    expect(() => openCassette('suite/nothing', { mode: 'replay', baseURL: CLOSED, provider: 'aimock', recordingsDir: dir })).toThrow(
      /No cassette "suite\/nothing"/,
    );
  });

  it.each([
    [{ CI: 'true', OPENAI_API_KEY: 'k' }, 'replay'],
    [{ OPENAI_API_KEY: 'k' }, 'new'],
    [{}, 'replay'],
    [{ FIELDWORK_MODE: 'record', CI: 'true' }, 'record'],
  ])('env %j -> mode %s', (env, mode) => {
    expect(cassetteMode({ root: dir }, env)).toBe(mode);
  });
});
