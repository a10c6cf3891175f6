import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { FieldworkError } from '../../core/errors.ts';
import { reportPath } from '../../report/load.ts';
import { writeFileAtomic } from '../../core/write-atomic.ts';
import { analyzeInputs } from '../../map/index.ts';
import { AUTO_MIN_BYTES, AUTO_MIN_FILES, DEFAULT_WORKER_HEAP_MB, analyzeInputsParallel, parseWorkers, planWorkers } from '../../map/parallel/index.ts';
import { formatProviderTable, formatSummary } from '../../map/summary.ts';
import { parseReadFormat, READ_FORMATS, type ReadOptions } from '../../read/types.ts';
import { loadSpec } from '../../spec/index.ts';
import { configFor, type RunAction } from '../command.ts';

interface AnalyzeFlags {
  json?: boolean;
  byProvider?: boolean;
  validate?: boolean;
  format?: string;
  endpoint?: string;
  provider?: string;
  out?: string;
  workers?: string;
  workerHeapMb?: string;
}

/** `fieldwork analyze [inputs...]`: every payload and stream event against the spec -> reports/report.json. */
export function register(program: Command, run: RunAction): void {
  program
    .command('analyze')
    .description('hold every recorded body and stream event against the spec; write reports/report.json and print a summary')
    .argument('[inputs...]', 'cassette files or directories (default: the recordings directory)')
    .option('--json', 'print exactly the report JSON on stdout (the summary goes nowhere)')
    .option('--by-provider', 'also print the provider conformance table')
    .option('--no-validate', 'skip value-constraint checks (minimum, pattern, maxItems, ...; schema-violation findings)')
    .option('--format <format>', `read every input as this format (${READ_FORMATS.join(', ')})`)
    .option('--endpoint <endpoint>', 'endpoint of body-only fixtures, e.g. "POST /v1/chat/completions"')
    .option('--provider <name>', 'provider for exchanges whose cassette names none')
    .option('--out <file>', 'where to write the report (default: <reports>/report.json)')
    .option(
      '--workers <n|auto>',
      `worker threads; auto = min(idle cores, 4) for big inputs (over ${AUTO_MIN_FILES} files or ${AUTO_MIN_BYTES / 1024 / 1024} MB), else 1; 1 = single-threaded`,
      'auto',
    )
    .option('--worker-heap-mb <mb>', `heap cap per worker thread in MB (keeps peak memory flat; a file that needs more is retried uncapped)`, String(DEFAULT_WORKER_HEAP_MB))
    .action(
      run(async (inputs: string[], flags: AnalyzeFlags, command: Command) => {
        const config = configFor(command);
        // Paths are shown relative to where the user stands, so committed reports carry no
        // machine-specific prefix (findings name `recordings/aimock/...`, not `/home/...`).
        const shown = (p: string): string => relative(process.cwd(), p) || '.';
        const paths = inputs.length > 0 ? inputs : [shown(config.recordingsDir)];
        if (inputs.length === 0 && !existsSync(config.recordingsDir)) {
          throw new FieldworkError('E_NO_INPUT', `${config.recordingsDir} does not exist. Record first (fieldwork record) or pass cassette paths: fieldwork analyze PATH...`);
        }
        const read: ReadOptions = {};
        if (flags.format) read.format = parseReadFormat(flags.format);
        if (flags.endpoint) read.endpoint = flags.endpoint;
        if (flags.provider) read.provider = flags.provider;
        const heap = Number(flags.workerHeapMb);
        if (!Number.isInteger(heap) || heap < 16) throw new FieldworkError('E_WORKERS', `--worker-heap-mb must be a whole number >= 16, not "${flags.workerHeapMb}".`);
        const requested = parseWorkers(flags.workers);
        const spec = await loadSpec(config.specPath, { cacheDir: config.cacheDir });
        const workers = await planWorkers(requested, paths);
        const options = { read, validate: flags.validate !== false, redactHeaders: config.redact.headers };
        // Same report either way: the pool runs the same per-file step and merges in input order.
        const report =
          workers > 1
            ? await analyzeInputsParallel(paths, spec, { ...options, workers, workerHeapMb: heap, cacheDir: config.cacheDir })
            : await analyzeInputs(paths, spec, options);
        report.spec.path = shown(report.spec.path);
        const text = `${JSON.stringify(report, null, 1)}\n`;
        const out = reportPath(config.reportsDir, flags.out);
        writeFileAtomic(out, text);
        if (flags.json) {
          process.stdout.write(text);
          return 0;
        }
        process.stdout.write(formatSummary(report));
        if (workers > 1) process.stdout.write(`worker threads: ${workers}\n`);
        if (flags.byProvider) process.stdout.write(`\n${formatProviderTable(report)}`);
        process.stdout.write(`wrote ${relative(process.cwd(), out) || out}\n`);
        return 0;
      }),
    );
}
