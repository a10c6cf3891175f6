/**
 * `npm run bench [-- --scales 10,100] [--skip-tools] [--modes cli,single,pool] [--max-modes cli]
 *   [--workers N|auto] [--worker-heap-mb MB] [--node-options "..."] [--out FILE]`
 *
 * Builds synthetic corpora by replicating ../shared/corpus (copies go to a temp dir outside the
 * repository and are deleted afterwards), runs `fieldwork analyze` on each in a fresh process and
 * prints exchanges/s, MB/s, peak RSS and the ratio to a floor measured in the same run. Then times
 * the tools users would otherwise use, side by side. It prints ratios; it is not a timed test.
 * Modes: `cli` = `fieldwork analyze` exactly as users run it (`--workers auto`, default worker heap
 * cap); `single` = the same with `--workers 1`; `pool` = `--workers min(cores, 4)` (at least 2), so
 * the worker pool is measured even when `auto` finds no idle cores. Each row says how many threads
 * the run actually used.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AUTO_MAX_WORKERS, AUTO_MIN_BYTES, AUTO_MIN_FILES } from '../harness/map/parallel/plan.ts';
import { buildSyntheticCorpus, corpusFiles } from './corpus.ts';
import { floorAt, floorItems, precompile } from './floor.ts';
import { REPO_ROOT, runFieldwork, type Measured } from './measure.ts';
import { loadSpecIndex, readCorpus } from './pipeline.ts';
import { openapiTypescript, prismColdStart } from './tools.ts';

const SHARED = process.env['FIELDWORK_SHARED'] ?? resolve(REPO_ROOT, '../shared');

const { values: args } = parseArgs({
  options: {
    scales: { type: 'string', default: '10,100' },
    spec: { type: 'string', default: join(SHARED, 'openai-openapi/openapi.yaml') },
    corpus: { type: 'string', default: join(SHARED, 'corpus') },
    'skip-tools': { type: 'boolean', default: false },
    /** `--workers` for the `cli` mode (default: none, i.e. the CLI's own `auto`). */
    workers: { type: 'string' },
    /** `cli` = `fieldwork analyze` as users run it (--workers auto); `single` = --workers 1; `pool` = --workers min(cores, 4), at least 2. */
    modes: { type: 'string', default: 'cli,single,pool' },
    /** Modes at the largest scale only (default: --modes); e.g. `cli` keeps a 100x run short. */
    'max-modes': { type: 'string' },
    out: { type: 'string' },
    /** NODE_OPTIONS for the analyze children: `--node-options="--max-semi-space-size=4 --max-old-space-size=160"`. */
    'node-options': { type: 'string' },
    /** `--worker-heap-mb` for the analyze children (default: the CLI's own default). */
    'worker-heap-mb': { type: 'string' },
  },
});

const scales = args.scales
  .split(',')
  .map((s) => Number.parseInt(s, 10))
  .filter((n) => n > 0)
  .sort((a, b) => a - b);
const mb = (bytes: number): number => bytes / 1024 / 1024;
const fmt = (n: number | null | undefined, digits = 1): string =>
  n === null || n === undefined || !Number.isFinite(n) ? 'n/a' : n.toFixed(digits);
const results: Record<string, unknown> = { scales: {}, tools: {} };

interface ReportSummary {
  summary?: { files?: number; exchanges?: number; events?: number; errors?: number; findings?: number };
}

function readSummary(root: string): ReportSummary['summary'] | null {
  const file = join(root, 'reports/report.json');
  if (!existsSync(file)) return null;
  // The report of a 100x run can be large; the summary is all the bench needs.
  return (JSON.parse(readFileSync(file, 'utf8')) as ReportSummary).summary ?? null;
}

/** A fieldwork project root in the temp dir, so reports and caches never land in the repository. */
function tempRoot(name: string): string {
  const root = mkdtempSync(join(tmpdir(), `fieldwork-bench-${name}-`));
  mkdirSync(join(root, 'reports'), { recursive: true });
  return root;
}

type Mode = 'cli' | 'single' | 'pool';
const MODES: readonly Mode[] = ['cli', 'single', 'pool'];
function parseModes(text: string): Mode[] {
  const list = text.split(',').filter((m) => m !== '');
  const bad = list.filter((m) => !(MODES as readonly string[]).includes(m));
  if (bad.length > 0) throw new Error(`unknown bench mode(s) ${bad.join(', ')}; use ${MODES.join(', ')}`);
  return list as Mode[];
}
const modes = parseModes(args.modes);
/** Workers of the `pool` mode: what `auto` would use on idle cores. */
const poolWorkers = Math.max(2, Math.min(availableParallelism(), AUTO_MAX_WORKERS));
/** How many worker threads an analyze run used (the CLI prints it when more than one). */
const workersUsed = (m: Measured): number => Number(/worker threads: (\d+)/.exec(m.stdout)?.[1] ?? 1);

/** The analyze command line of a mode: exactly what a user would type. */
function analyzeArgs(root: string, inputs: string[], mode: Mode = 'cli'): string[] {
  const heap = args['worker-heap-mb'] ? ['--worker-heap-mb', args['worker-heap-mb']] : [];
  const workers =
    mode === 'single' ? ['--workers', '1'] : mode === 'pool' ? ['--workers', String(poolWorkers)] : args.workers ? ['--workers', args.workers] : [];
  return ['--root', root, '--spec', args.spec, 'analyze', ...inputs, ...workers, ...heap];
}

function analyze(root: string, inputs: string[], mode: Mode = 'cli'): Promise<Measured> {
  const env: NodeJS.ProcessEnv = args['node-options'] ? { NODE_OPTIONS: args['node-options'] } : {};
  return runFieldwork(analyzeArgs(root, inputs, mode), env);
}

function failed(m: Measured): string | null {
  return m.code === 0 ? null : `exit ${m.code}: ${m.stderr.trim().split('\n').slice(-3).join(' | ')}`;
}

async function main(): Promise<void> {
  const files = corpusFiles(args.corpus);
  console.log(`fieldwork bench: corpus ${args.corpus} (${files.length} files), spec ${args.spec}, scales ${scales.join(', ')}x`);
  const cores = availableParallelism();
  console.log(
    `cores: ${cores}, load ${fmt(loadavg()[0], 1)}; analyze --workers auto uses min(cores idle now, ${AUTO_MAX_WORKERS}) workers ` +
      `above ${AUTO_MIN_FILES} files or ${mb(AUTO_MIN_BYTES)} MB, else 1`,
  );
  if (args['node-options'] || args['worker-heap-mb']) {
    console.log(`analyze children: NODE_OPTIONS=${args['node-options'] ?? ''} worker heap ${args['worker-heap-mb'] ?? 'default'} MB`);
  }

  // 1. The floor's inputs: every response body and event payload of one replica, with its schema.
  const spec = await loadSpecIndex(args.spec);
  const exchanges = await readCorpus(args.corpus);
  const items = floorItems(exchanges, spec);
  precompile(items, spec);
  console.log(`one replica: ${exchanges.length} exchanges, ${items.length} payloads for the floor`);

  // 2. One set of replicas serves every scale (10x = replicas 0-9 of the 100x set).
  const copies = Math.max(...scales);
  const t0 = performance.now();
  const corpus = buildSyntheticCorpus(args.corpus, copies);
  console.log(
    `built ${copies} replicas (${fmt(mb(corpus.bytesPerCopy * copies), 0)} MB) in ${fmt((performance.now() - t0) / 1000)} s under ${corpus.root}`,
  );
  const root = tempRoot('project');
  try {
    // Warm the validator cache with one small cassette (a user's second run looks like this).
    const small = smallestCassette(args.corpus, files);
    const warm = await analyze(root, [small]);
    if (failed(warm)) console.log(`warm-up analyze failed (${failed(warm)})`);

    const rows: Array<Record<string, string>> = [];
    const perScale: Record<string, { ms: number; rss: number | null }> = {};
    for (const scale of scales) {
      const bytes = corpus.bytesPerCopy * scale;
      const floor = floorAt(items, spec, scale);
      const atMax = scale === Math.max(...scales) && args['max-modes'] ? parseModes(args['max-modes']) : modes;
      for (const mode of atMax) {
        const load = loadavg()[0];
        const m = await analyze(root, corpus.inputsFor(scale), mode);
        const summary = readSummary(root);
        const exchangesAt = summary?.exchanges ?? exchanges.length * scale;
        const error = failed(m);
        perScale[`${mode}@${scale}`] = { ms: m.wallMs, rss: m.maxRssMb };
        const row = {
          scale: `${scale}x`,
          mode: `${analyzeArgs(root, [], mode).slice(5).join(' ') || '(auto)'} -> ${workersUsed(m)} thread(s)`,
          'input MB': fmt(mb(bytes), 0),
          exchanges: String(exchangesAt),
          'analyze s': fmt(m.wallMs / 1000, 2),
          'exchanges/s': fmt(exchangesAt / (m.wallMs / 1000), 0),
          'MB/s': fmt(mb(bytes) / (m.wallMs / 1000), 2),
          'peak RSS MB': fmt(m.maxRssMb, 0),
          'floor s': fmt(floor.ms / 1000, 2),
          'ratio to floor': fmt(m.wallMs / floor.ms, 1),
          'load before': fmt(load, 1),
          status: error ?? 'ok',
        };
        rows.push(row);
        (results['scales'] as Record<string, unknown>)[`${mode}@${scale}x`] = { ...row, summary, cpuMs: m.cpuMs };
        console.log(
          Object.entries(row)
            .map(([k, v]) => `${k}=${v}`)
            .join('  '),
        );
      }
    }
    console.table(rows);
    const [lo, hi] = [scales[scales.length - 2], scales[scales.length - 1]];
    for (const mode of modes) {
      const top = perScale[`${mode}@${hi ?? scales[0]!}`];
      if (lo !== undefined && hi !== undefined && perScale[`${mode}@${hi}`] && perScale[`${mode}@${lo}`]) {
        const ratio = perScale[`${mode}@${hi}`]!.ms / perScale[`${mode}@${lo}`]!.ms;
        const linear = hi / lo;
        console.log(`${mode}: ${hi}x/${lo}x time ratio ${fmt(ratio, 2)} (linear = ${linear}; target <= ${fmt(linear * 1.1, 1)})`);
        (results['scaleRatio'] as Record<string, unknown> | undefined) ?? (results['scaleRatio'] = {});
        (results['scaleRatio'] as Record<string, unknown>)[mode] = { from: lo, to: hi, ratio };
      }
      if (top) console.log(`${mode}: peak RSS at ${hi ?? scales[0]}x ${fmt(top.rss, 0)} MB (target < 400 MB)`);
    }

    if (!args['skip-tools']) await sideBySide(root, small);
  } finally {
    corpus.dispose();
    rmSync(root, { recursive: true, force: true });
  }
  if (args.out) writeFileSync(args.out, JSON.stringify(results, null, 2));
}

function smallestCassette(corpusDir: string, files: string[]): string {
  // A small real cassette with a request (a VCR file), not a body-only fixture.
  const sized = files
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .map((f) => ({ f, size: statSync(join(corpusDir, f)).size }))
    .filter((x) => x.size > 2048)
    .sort((a, b) => a.size - b.size);
  return join(corpusDir, sized[0]!.f);
}

/** Cold starts and type generation, timed against the tools users would otherwise use. */
async function sideBySide(root: string, small: string): Promise<void> {
  const tools = results['tools'] as Record<string, unknown>;
  console.log('\nside by side (same spec, same machine, same run):');
  // Cold `fieldwork analyze` of one small cassette, validator cache warm (the warm-up ran it).
  const cold = await analyze(root, [small]);
  let prismMs: number | null = null;
  try {
    prismMs = await prismColdStart(args.spec);
  } catch (error) {
    console.log(`prism mock: ${(error as Error).message}`);
  }
  const coldError = failed(cold);
  console.log(
    `cold start: prism mock ${fmt(prismMs ? prismMs / 1000 : null, 2)} s vs fieldwork analyze (1 cassette, warm cache) ` +
      `${coldError ? `failed (${coldError})` : `${fmt(cold.wallMs / 1000, 2)} s`}; ratio prism/fieldwork = ` +
      `${prismMs && !coldError ? fmt(prismMs / cold.wallMs, 1) : 'n/a'}`,
  );
  tools['coldStart'] = { prismMs, fieldworkAnalyzeMs: coldError ? null : cold.wallMs };

  const out = mkdtempSync(join(tmpdir(), 'fieldwork-bench-types-'));
  try {
    let otsMs: number | null = null;
    try {
      otsMs = await openapiTypescript(args.spec, join(out, 'openapi-typescript.d.ts'));
    } catch (error) {
      console.log(`openapi-typescript: ${(error as Error).message}`);
    }
    const typegen = await runFieldwork(['--root', root, '--spec', args.spec, 'typegen']);
    const typegenError = failed(typegen);
    const available = !typegenError;
    console.log(
      `types: openapi-typescript ${fmt(otsMs ? otsMs / 1000 : null, 2)} s vs fieldwork typegen ` +
        `${available ? `${fmt(typegen.wallMs / 1000, 2)} s; ratio fieldwork/openapi-typescript = ${otsMs ? fmt(typegen.wallMs / otsMs, 2) : 'n/a'}` : `not available (${typegenError})`}`,
    );
    tools['typegen'] = { openapiTypescriptMs: otsMs, fieldworkTypegenMs: available ? typegen.wallMs : null };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

await main();
