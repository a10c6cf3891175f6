import type { Command } from 'commander';
import { relative } from 'node:path';
import { checkExamples, type ExampleCheck, type ExampleReport } from '../../spec/examples.ts';
import { loadSpec } from '../../spec/index.ts';
import { readSpecLock, syncSpec, type SyncOptions } from '../../spec/sync.ts';
import { configFor, type RunAction } from '../command.ts';

interface SyncFlags {
  from?: string;
  url?: string;
  sha256?: string;
}

const COUNT_LABELS: Record<string, string> = {
  'operation.json': 'operation examples, JSON',
  'operation.sse': 'operation examples, SSE',
  'operation.other': 'operation examples, other',
  'operation.error': 'operation error examples',
  'schema.json': 'schema examples, JSON',
  'schema.other': 'schema examples, other',
  'schema.sse': 'schema examples, stream chunks',
};

function where(check: ExampleCheck): string {
  if (check.source === 'schema') return `schema ${check.title}`;
  const what = check.errorResponse ? ' error response' : '';
  return `${check.operation}${check.title ? ` "${check.title}"` : ` #${check.index}`}${what}${check.schema ? ` (${check.schema})` : ''}`;
}

/** Human summary of an example report: counts, then each invalid / not-checkable example with its reason. */
export function formatExampleReport(report: ExampleReport): string {
  const lines = [`Examples in ${relative(process.cwd(), report.spec) || report.spec} (sha256 ${report.sha256.slice(0, 12)})`];
  for (const [key, counts] of Object.entries(report.counts)) {
    lines.push(`  ${COUNT_LABELS[key] ?? key}: ${counts.valid} valid, ${counts.invalid} invalid, ${counts.notCheckable} not checkable`);
  }
  for (const status of ['invalid', 'not-checkable'] as const) {
    const checks = report.checks.filter((c) => c.status === status);
    if (checks.length === 0) continue;
    lines.push('', `${status === 'invalid' ? 'Invalid' : 'Not checkable'} (${checks.length}):`);
    for (const check of checks) lines.push(`  ${where(check)}: ${check.reason ?? ''}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `fieldwork spec sync` / `fieldwork spec examples`. */
export function register(program: Command, run: RunAction): void {
  const spec = program.command('spec').description('the OpenAI OpenAPI spec: download the pinned version, check its own examples');

  spec
    .command('sync')
    .description('download the pinned spec (schemas/spec.lock.json), verify its sha256, write schemas/openapi.yaml')
    .option('--from <file>', 'copy a local spec file instead of downloading (offline)')
    .option('--url <url>', 'download from this URL instead of the pinned one (a mirror)')
    .option('--sha256 <hash>', 'accept this sha256 instead of the pinned one (moving to a newer spec)')
    .action(
      run(async (flags: SyncFlags, command: Command) => {
        const config = configFor(command);
        const options: SyncOptions = { schemasDir: config.schemasDir };
        if (flags.from) options.from = flags.from;
        if (flags.url) options.url = flags.url;
        if (flags.sha256) options.sha256 = flags.sha256;
        const result = await syncSpec(options);
        const path = relative(process.cwd(), result.path) || result.path;
        process.stdout.write(
          result.changed
            ? `wrote ${path} (${result.bytes} bytes, sha256 ${result.sha256}) from ${result.source}\n`
            : `${path} is already the pinned spec (sha256 ${result.sha256})\n`,
        );
        return 0;
      }),
    );

  spec
    .command('info')
    .description('which spec is in use: path, sha256 (and whether it is the pinned one), operations, schemas, what normalisation rewrote')
    .option('--json', 'print the summary as JSON')
    .action(
      run(async (flags: { json?: boolean }, command: Command) => {
        const config = configFor(command);
        const loaded = await loadSpec(config.specPath, { cacheDir: config.cacheDir });
        const lock = readSpecLock(config.schemasDir);
        const { formats, strayKeywords, ...counts } = loaded.normalisation;
        const info = {
          path: loaded.path,
          sha256: loaded.sha256,
          pinned: loaded.sha256 === lock.sha256,
          openapi: loaded.openapi,
          operations: loaded.operations().length,
          schemas: loaded.schemaNames().length,
          normalised: counts,
          formats,
          strayKeywords,
        };
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(info, null, 2)}\n`);
          return 0;
        }
        const rewrites = Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ');
        process.stdout.write(
          [
            `spec       ${relative(process.cwd(), info.path) || info.path} (OpenAPI ${info.openapi})`,
            `sha256     ${info.sha256} (${info.pinned ? 'the pinned spec' : `not the pinned ${lock.sha256.slice(0, 12)}; \`fieldwork spec sync\` fetches it`})`,
            `contents   ${info.operations} operations, ${info.schemas} component schemas`,
            `normalised ${rewrites}`,
            `formats    ${formats.join(', ') || '(none)'}`,
            `stray      ${strayKeywords.length === 0 ? '(none)' : strayKeywords.join('; ')}`,
          ].join('\n') + '\n',
        );
        return 0;
      }),
    );

  spec
    .command('examples')
    .description("validate the spec's own x-oaiMeta response and schema examples against its schemas")
    .option('--json', 'print the full report as JSON')
    .action(
      run(async (flags: { json?: boolean }, command: Command) => {
        const config = configFor(command);
        const loaded = await loadSpec(config.specPath, { cacheDir: config.cacheDir });
        const report = checkExamples(loaded);
        process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatExampleReport(report));
        return 0;
      }),
    );
}
