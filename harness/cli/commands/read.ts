import type { Command } from 'commander';
import { relative } from 'node:path';
import type { ReadError } from '../../core/exchange.ts';
import { FieldworkError } from '../../core/errors.ts';
import { parseEndpoint } from '../../read/endpoint.ts';
import { readInputs } from '../../read/inputs.ts';
import { parseReadFormat, READ_FORMATS, type ReadOptions } from '../../read/types.ts';
import type { RunAction } from '../command.ts';

interface ReadCommandOptions {
  format?: string;
  endpoint?: string;
  json?: boolean;
  strict?: boolean;
}

/** The `--json` document: exactly these keys. */
export interface ReadSummary {
  files: number;
  exchanges: number;
  streamed: number;
  errors: ReadError[];
}

function optionsFrom(flags: ReadCommandOptions): ReadOptions {
  const options: ReadOptions = {};
  if (flags.format !== undefined) {
    options.format = parseReadFormat(flags.format);
  }
  if (flags.endpoint !== undefined) {
    if (!parseEndpoint(flags.endpoint)) {
      throw new FieldworkError('E_READ_ENDPOINT', `--endpoint must look like "POST /v1/chat/completions"`);
    }
    options.endpoint = flags.endpoint;
  }
  return options;
}

/** `fieldwork read`: reads cassettes of any supported format and reports what it found. */
export function register(program: Command, run: RunAction): void {
  program
    .command('read')
    .description('read cassettes (HAR, VCR YAML, test-proxy, dd-trace, SSE/JSON fixtures) and count exchanges')
    .argument('<paths...>', 'cassette files or directories (walked recursively)')
    .option('--format <format>', `skip content sniffing: ${READ_FORMATS.join(' | ')}`)
    .option('--endpoint <endpoint>', 'endpoint of body-only fixtures, e.g. "POST /v1/chat/completions"')
    .option('--json', 'print one JSON document {files, exchanges, streamed, errors} on stdout')
    .option('--strict', 'exit 1 when any file or entry could not be read')
    .action(
      run(async (paths: string[], flags: ReadCommandOptions) => {
        const options = optionsFrom(flags);
        const summary: ReadSummary = { files: 0, exchanges: 0, streamed: 0, errors: [] };
        const out = process.stdout;
        for await (const result of readInputs(paths, options)) {
          const streamed = result.exchanges.reduce((n, e) => n + (e.response.events ? 1 : 0), 0);
          summary.files++;
          summary.exchanges += result.exchanges.length;
          summary.streamed += streamed;
          summary.errors.push(...result.errors);
          if (flags.json) continue;
          const name = relative(process.cwd(), result.file) || result.file;
          out.write(
            `${name}  ${result.format ?? 'unknown'}  exchanges ${result.exchanges.length}  streamed ${streamed}  errors ${result.errors.length}\n`,
          );
          for (const error of result.errors) {
            out.write(`  ${error.entry === null ? 'file' : `entry ${error.entry}`}: ${error.message}\n`);
          }
        }
        if (flags.json) {
          out.write(`${JSON.stringify(summary)}\n`);
        } else {
          out.write(
            `total: ${summary.files} files, ${summary.exchanges} exchanges, ${summary.streamed} streamed, ${summary.errors.length} errors\n`,
          );
        }
        return flags.strict && summary.errors.length > 0 ? 1 : 0;
      }),
    );
}
