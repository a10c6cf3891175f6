/**
 * The scenario catalogue: every scenario file is well-formed, the catalogue covers every group
 * with enough variants, matrices widen with config, every local target a scenario lists has
 * committed recordings, every committed recording replays offline, and docs/scenarios.md is
 * current.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig, type FieldworkConfig } from '../harness/core/config.ts';
import { runScenarios, type VariantResult } from '../harness/record/runner.ts';
import { discoverScenarios, expandMatrix, type DiscoveredScenario } from '../harness/scenario/index.ts';
import { GROUPS, LOCAL_PROVIDERS, catalogueRows, renderCatalogue } from '../scenarios/support/docs.ts';
import { pngImage, toneWav } from '../scenarios/support/media.ts';
import { REPO_ROOT } from './support/shared.ts';

const SCENARIOS_DIR = join(REPO_ROOT, 'scenarios');
const RECORDINGS_DIR = join(REPO_ROOT, 'recordings');
const TARGETS = new Set(['aimock', 'prism', 'openai', 'custom']);

const config = (overrides: Parameters<typeof resolveConfig>[0] = {}): FieldworkConfig => resolveConfig({ root: REPO_ROOT, mode: 'replay', ...overrides }, {});

/** `recordings/<provider>/<scenario>/<variant>.har` -> `<scenario>/<variant>` per provider. */
function committedCassettes(provider: string): string[] {
  const dir = join(RECORDINGS_DIR, provider);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((e) => readdirSync(join(dir, e.name)).filter((f) => f.endsWith('.har')).map((f) => `${e.name}/${f.slice(0, -'.har'.length)}`))
    .sort();
}

let found: DiscoveredScenario[] = [];
beforeAll(async () => {
  found = await discoverScenarios(SCENARIOS_DIR);
});

describe('scenario files', () => {
  it('are well-formed: kebab id = file name, a known group, description, endpoints, known targets, expandable matrix', () => {
    expect(found.length).toBeGreaterThan(50);
    const names = new Set<string>();
    for (const { file, scenario } of found) {
      expect(file.endsWith(`/${scenario.id}.ts`), file).toBe(true);
      expect(GROUPS as readonly string[], `${scenario.id}: group`).toContain(scenario.group);
      expect(scenario.description.length, `${scenario.id}: description`).toBeGreaterThan(10);
      const endpoints = typeof scenario.endpoint === 'string' ? [scenario.endpoint] : scenario.endpoint;
      for (const endpoint of endpoints) expect(endpoint, scenario.id).toMatch(/^(GET|POST|DELETE) \/v1\//);
      for (const target of scenario.targets ?? []) expect(TARGETS.has(target), `${scenario.id}: target ${target}`).toBe(true);
      const variants = expandMatrix(scenario, config());
      expect(variants.length, scenario.id).toBeGreaterThan(0);
      for (const v of variants) {
        expect(names.has(v.name), `duplicate variant ${v.name}`).toBe(false);
        names.add(v.name);
      }
    }
  });

  it('cover every group of the catalogue with at least 60 variants', () => {
    const byGroup = new Map<string, number>();
    for (const { scenario } of found) byGroup.set(scenario.group ?? '', (byGroup.get(scenario.group ?? '') ?? 0) + expandMatrix(scenario, config()).length);
    for (const group of GROUPS) expect(byGroup.get(group) ?? 0, `group ${group}`).toBeGreaterThan(0);
    const total = [...byGroup.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(60);
  });

  it('widen with config.models (users grow the matrix without editing scenarios)', () => {
    const count = (c: FieldworkConfig): Map<string, number> => new Map(found.map(({ scenario }) => [scenario.id, expandMatrix(scenario, c).length]));
    const base = count(config());
    const wide = count(config({ models: { chat: ['gpt-4.1', 'gpt-5'], small: ['gpt-4o-mini', 'gpt-4.1-mini'], reasoning: ['o4-mini', 'o3'] } }));
    expect(wide.get('chat-tools')).toBe(2 * (base.get('chat-tools') ?? 0));
    expect(wide.get('responses-basic')).toBe(2 * (base.get('responses-basic') ?? 0));
    expect(wide.get('responses-reasoning-summary')).toBe(2 * (base.get('responses-reasoning-summary') ?? 0));
    // A model listed twice across lists must not produce a duplicate variant name.
    expect(() => found.forEach(({ scenario }) => expandMatrix(scenario, config({ models: { chat: ['m'], small: ['m'], reasoning: ['m'] } })))).not.toThrow();
  });
});

describe('committed recordings', () => {
  it('exist for every variant of every scenario that lists a local target', () => {
    const missing: string[] = [];
    for (const provider of LOCAL_PROVIDERS) {
      const have = new Set(committedCassettes(provider));
      for (const { scenario } of found) {
        // Default targets (all) count for aimock; prism recordings only where a scenario names it.
        const listed = scenario.targets ? scenario.targets.includes(provider) : provider === 'aimock';
        if (!listed) continue;
        for (const v of expandMatrix(scenario, config())) if (!have.has(v.name)) missing.push(`${provider}/${v.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('belong to a scenario variant (no orphans left behind by a renamed scenario)', () => {
    const known = new Set(found.flatMap(({ scenario }) => expandMatrix(scenario, config()).map((v) => v.name)));
    for (const provider of readdirSync(RECORDINGS_DIR)) {
      for (const name of committedCassettes(provider)) expect(known.has(name), `${provider}/${name}`).toBe(true);
    }
  });

  it('are labelled with the provider they came from and hold no key (errors-invalid-key sends a fake one)', () => {
    for (const provider of readdirSync(RECORDINGS_DIR)) {
      for (const name of committedCassettes(provider)) {
        const text = readFileSync(join(RECORDINGS_DIR, provider, `${name}.har`), 'utf8');
        expect(text, `${provider}/${name}`).not.toContain('sk-fieldwork-invalid-key');
        const meta = (JSON.parse(text) as { log: { _fieldwork?: { provider?: string; scenario?: string } } }).log._fieldwork;
        expect(meta, `${provider}/${name}`).toMatchObject({ provider, scenario: name.split('/')[0] });
      }
    }
  });

  for (const provider of existsSync(RECORDINGS_DIR) ? readdirSync(RECORDINGS_DIR).sort() : []) {
    it(`replay offline, all of them: ${provider}`, async () => {
      const names = committedCassettes(provider);
      expect(names.length).toBeGreaterThan(0);
      const target = provider === 'aimock' || provider === 'prism' || provider === 'openai' ? provider : 'custom';
      const summary = await runScenarios({
        config: config({ target, ...(target === 'custom' ? { baseUrl: `http://${provider}` } : {}) }),
        globs: names,
        env: {},
      });
      const failed = summary.results.filter((r) => r.status === 'failed').map((r) => `${r.name}: ${r.message}`);
      expect(failed).toEqual([]);
      expect(summary.replayed).toBe(names.length);
      expect(summary.results.every((r) => r.networkRequests === 0)).toBe(true);
      if (provider === 'aimock') expectAimockValues(summary.results);
      if (provider === 'prism') expectPrismValues(summary.results);
    });
  }
});

/** Replay runs the scenario code against recorded answers: spot-check what it computed. */
function expectAimockValues(results: readonly VariantResult[]): void {
  const value = (name: string): unknown => results.find((r) => r.name === name)?.value;
  expect(value('chat-tool-followup/model=gpt-4o-mini')).toMatchObject({ turns: 2, calls: 1, answer: 'It is 4 °C in Oslo right now.' });
  expect(value('errors-rate-limit/call=chat,model=gpt-4o-mini')).toMatchObject({ status: 429, retryAfter: '20', code: 'rate_limit_exceeded' });
  expect(value('errors-unknown-model/call=chat-stream')).toMatchObject({ status: 404, code: 'model_not_found' });
  expect(value('audio-speech-formats/model=gpt-4o-mini-tts,response_format=wav')).toMatchObject({ contentType: 'audio/wav', bytes: toneWav(100).length });
  expect(value('files-crud/purpose=batch')).toMatchObject({ listed: true, deleted: true });
}

/** prism answers from the spec's examples: static placeholders, and runs that never leave `queued`. */
function expectPrismValues(results: readonly VariantResult[]): void {
  const value = (name: string): unknown => results.find((r) => r.name === name)?.value;
  expect(value('models-retrieve/model=gpt-4.1')).toEqual({ id: 'string', owned_by: 'string' });
  expect(value('runs-polling/model=gpt-4o-mini')).toMatchObject({ status: 'queued', polls: 3 });
  expect(value('runs-submit-tool-outputs/model=gpt-4o-mini')).toMatchObject({ calls: 1 });
}

describe('docs/scenarios.md', () => {
  it('is current (regenerate with `node bin/run-ts.mjs scenarios/support/write-docs.ts`)', async () => {
    const rendered = renderCatalogue(await catalogueRows(REPO_ROOT, config()));
    expect(readFileSync(join(REPO_ROOT, 'docs/scenarios.md'), 'utf8')).toBe(rendered);
  });
});

describe('sample media', () => {
  it('pngImage is a valid RGBA PNG of the requested size with a transparent-centre mask', () => {
    for (const [size, kind] of [[16, 'square'], [64, 'mask']] as const) {
      const png = pngImage(size, kind);
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(size);
      const idatLength = png.readUInt32BE(33);
      const raw = inflateSync(png.subarray(41, 41 + idatLength));
      expect(raw.length).toBe(size * (1 + size * 4));
      const centre = (size / 2) * (1 + size * 4) + 1 + (size / 2) * 4;
      expect(raw[centre + 3]).toBe(kind === 'mask' ? 0 : 255);
    }
  });

  it('toneWav is a 16 kHz mono PCM WAV of the requested length', () => {
    const wav = toneWav(250);
    expect(wav.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(wav.readUInt32LE(24)).toBe(16000);
    expect(wav.readUInt32LE(40)).toBe(4000 * 2);
  });
});
