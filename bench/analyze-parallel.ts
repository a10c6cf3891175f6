import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveConfig } from '../harness/core/config.ts';
import { analyzeInputsParallel } from '../harness/map/parallel/index.ts';
import { loadSpec } from '../harness/spec/index.ts';

/**
 * What `fieldwork analyze --workers N` does once the flag is wired into the analyze command:
 * the same config, spec cache and report path, with the per-file work on the worker pool.
 * Run by bench/child.mjs (FIELDWORK_BENCH_ENTRY=parallel) with the CLI's argument shape:
 * `--root R --spec S analyze INPUTS... --workers N [--worker-heap-mb M]`.
 */
export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { root: { type: 'string' }, spec: { type: 'string' }, workers: { type: 'string' }, 'worker-heap-mb': { type: 'string' } },
  });
  const inputs = positionals.filter((p) => p !== 'analyze');
  const config = resolveConfig({ ...(values.root ? { root: values.root } : {}), ...(values.spec ? { specPath: values.spec } : {}) });
  const spec = await loadSpec(config.specPath, { cacheDir: config.cacheDir });
  const workers = values.workers ? Number.parseInt(values.workers, 10) : undefined;
  const heap = values['worker-heap-mb'] ? Number.parseInt(values['worker-heap-mb'], 10) : undefined;
  const report = await analyzeInputsParallel(inputs, spec, {
    cacheDir: config.cacheDir,
    redactHeaders: config.redact.headers,
    ...(workers ? { workers } : {}),
    ...(heap ? { workerHeapMb: heap } : {}),
  });
  const out = join(config.reportsDir, 'report.json');
  mkdirSync(config.reportsDir, { recursive: true });
  writeFileSync(`${out}.tmp`, `${JSON.stringify(report, null, 1)}\n`);
  renameSync(`${out}.tmp`, out);
  process.stdout.write(`${report.summary.files} files, ${report.summary.exchanges} exchanges, ${report.summary.errors} errors\n`);
  return 0;
}
