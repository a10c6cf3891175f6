import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runScenarios } from '../harness/record/runner.ts';
import { defineScenario } from '../harness/scenario/define.ts';
import { SPEC_PATH, hasShared } from './support/shared.ts';
import { tempDir, testConfig } from './record-helpers.ts';

// `--target prism` starts `prism mock` on the shared spec (read in place) on a free loopback
// port, records into recordings/prism/..., and stops it. Prism needs ~40 s to load the spec.
// The catalogue's chat-basic is aimock-only (no prism recordings by design), so the test brings
// its own one-call scenario that lists no targets (all of them).
const chatBasic = defineScenario({
  id: 'chat-basic',
  description: 'one non-streaming chat completion',
  endpoint: 'POST /v1/chat/completions',
  matrix: { model: ['gpt-4o-mini'] },
  async run({ client, params }) {
    const completion = await client.chat.completions.create({ model: String(params['model']), messages: [{ role: 'user', content: 'fieldwork: say hello' }] });
    return { content: completion.choices[0]?.message.content, finish: completion.choices[0]?.finish_reason };
  },
});

describe.skipIf(!hasShared)('target prism', () => {
  it('records a scenario against prism mock and replays it offline', { timeout: 240_000 }, async () => {
    const dir = tempDir();
    const rec = await runScenarios({ config: testConfig(dir, { mode: 'record', target: 'prism', specPath: SPEC_PATH }), scenarios: [chatBasic] });
    expect(rec.results.map((r) => [r.status, r.message])).toEqual([['recorded', undefined]]);
    const file = rec.results[0]?.file as string;
    expect(file).toContain(`${dir}/prism/chat-basic/`);
    const har = JSON.parse(readFileSync(file, 'utf8'));
    expect(har.log._fieldwork.provider).toBe('prism');
    expect(har.log.entries[0].request.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/chat\/completions$/);
    const rep = await runScenarios({ config: testConfig(dir, { mode: 'replay', target: 'prism', specPath: SPEC_PATH }), scenarios: [chatBasic] });
    expect(rep.results[0]?.status).toBe('replayed');
    expect(rep.results[0]?.value).toEqual(rec.results[0]?.value);
  });
});
