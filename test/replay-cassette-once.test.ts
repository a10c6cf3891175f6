import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cassettePath } from '../harness/record/cassette-path.ts';
import { recordedCassette, runScenarios } from '../harness/record/runner.ts';
import { defineScenario } from '../harness/scenario/define.ts';
import { startChatServer, tempDir, testConfig, type TestServer } from './record-helpers.ts';

// Replay reads a cassette once: the runner parses it for the recorded base URL and the session
// replays from that same parse instead of reading the file again.

describe('recordedCassette', () => {
  const dir = tempDir('fieldwork-once-');
  const write = (name: string, text: string): string => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const cases: Array<{ name: string; text: string | null; baseUrl: string | null | undefined }> = [
    { name: 'with base URL', text: JSON.stringify({ log: { _fieldwork: { baseUrl: 'http://127.0.0.1:9/v1' }, entries: [] } }), baseUrl: 'http://127.0.0.1:9/v1' },
    { name: 'no _fieldwork block', text: JSON.stringify({ log: { entries: [] } }), baseUrl: null },
    { name: 'empty base URL', text: JSON.stringify({ log: { _fieldwork: { baseUrl: '' } } }), baseUrl: null },
    { name: 'base URL not a string', text: JSON.stringify({ log: { _fieldwork: { baseUrl: 42 } } }), baseUrl: null },
    { name: 'no log', text: '{}', baseUrl: null },
    // undefined: no cassette at all (the session reads the file itself and reports what is wrong)
    { name: 'not JSON', text: '{"log": ', baseUrl: undefined },
    { name: 'JSON null', text: 'null', baseUrl: undefined },
    { name: 'missing file', text: null, baseUrl: undefined },
  ];
  it.each(cases)('$name', ({ name, text, baseUrl }) => {
    const file = text === null ? join(dir, 'absent.har') : write(`${name.replace(/\W/g, '-')}.har`, text);
    const got = recordedCassette(file);
    if (baseUrl === undefined) expect(got).toBeNull();
    else {
      expect(got?.baseUrl).toBe(baseUrl);
      expect(got?.har).toEqual(JSON.parse(text!));
    }
  });
});

describe('replay parses the cassette once', () => {
  let server: TestServer;
  const dir = tempDir();
  beforeAll(async () => {
    server = await startChatServer();
  });
  afterAll(() => server?.close());

  // `spoil` overwrites the cassette after the runner has read it and before the first request:
  // replay still works only if the session does not read the file a second time.
  const chat = (spoil: boolean) =>
    defineScenario({
      id: 'once-chat',
      description: 'one chat call',
      endpoint: 'POST /v1/chat/completions',
      matrix: { model: ['gpt-4o-mini'] },
      run: async ({ client, baseURL, variant }) => {
        if (spoil) writeFileSync(cassettePath(dir, 'aimock', variant.name), 'overwritten: not JSON');
        const r = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] });
        return { baseURL, content: r.choices[0]?.message.content };
      },
    });

  it('presents the recorded base URL and replays from the one parse', async () => {
    const recorded = await runScenarios({ config: testConfig(dir, { mode: 'record', target: 'custom', baseUrl: `${server.url}/v1` }), scenarios: [chat(false)] });
    const [rec] = recorded.results;
    expect(rec?.status).toBe('recorded');
    // Replay as the aimock target with no --base-url: the base URL comes from the cassette.
    const file = cassettePath(dir, 'aimock', rec!.name);
    mkdirSync(dirname(file), { recursive: true });
    copyFileSync(rec!.file, file);
    expect(JSON.parse(readFileSync(file, 'utf8')).log._fieldwork.baseUrl).toBe(`${server.url}/v1`);
    const before = server.requests;

    const replay = await runScenarios({ config: testConfig(dir, { mode: 'replay', target: 'aimock' }), scenarios: [chat(true)] });
    const [result] = replay.results;
    expect(result?.message).toBeUndefined();
    expect(result?.status).toBe('replayed');
    expect(result?.value).toEqual({ baseURL: `${server.url}/v1`, content: 'hi' });
    expect(server.requests).toBe(before);
    // The spoiled file is left as the scenario wrote it: replay never writes a cassette.
    expect(readFileSync(file, 'utf8')).toBe('overwritten: not JSON');

    // A cassette that is corrupt from the start still fails with the corrupt-cassette message.
    const again = await runScenarios({ config: testConfig(dir, { mode: 'replay', target: 'aimock' }), scenarios: [chat(false)] });
    expect(again.results[0]?.status).toBe('failed');
    expect(again.results[0]?.message).toContain('is not valid JSON');
    expect(again.results[0]?.message).toContain(file);
  });
});
