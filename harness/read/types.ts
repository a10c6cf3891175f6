import { FieldworkError } from '../core/errors.ts';
import type { Exchange, ReadError } from '../core/exchange.ts';

/** Every reader fieldwork has; `--format` takes one of these to skip content sniffing. */
export const READ_FORMATS = [
  'har',
  'vcr-yaml',
  'ruby-vcr',
  'azure-proxy',
  'dd-trace-json',
  'sse',
  'json-lines',
  'json-body',
  'jest-snapshot',
] as const;

/** One of READ_FORMATS. */
export type ReadFormat = (typeof READ_FORMATS)[number];

/** Checks a `--format` value (`fieldwork read`, `fieldwork analyze`); misuse names the formats. */
export function parseReadFormat(value: string): ReadFormat {
  if (!(READ_FORMATS as readonly string[]).includes(value)) {
    throw new FieldworkError('E_READ_FORMAT', `unknown --format "${value}"; use one of: ${READ_FORMATS.join(', ')}`);
  }
  return value as ReadFormat;
}

/** Options for `readFile` / `readInputs`; all optional. */
export interface ReadOptions {
  /** Skip sniffing and read every file as this format. */
  format?: ReadFormat;
  /**
   * Endpoint of body-only fixtures, e.g. `"POST /v1/chat/completions"`. Without it the endpoint
   * is inferred from the body's `object` / `type` and the exchange carries a note saying so.
   */
  endpoint?: string;
  /** Provider for exchanges whose file names none (default: derived from the host, else `openai`). */
  provider?: string;
}

/** One file's read: its format and options, and the exchanges and errors the readers append to. */
export interface ReadContext {
  file: string;
  format: ReadFormat;
  options: ReadOptions;
  exchanges: Exchange[];
  errors: ReadError[];
}

/** Records a problem with one entry (or the whole file when entry is null); never throws. */
export function addError(ctx: ReadContext, entry: number | null, message: string): void {
  ctx.errors.push({ file: ctx.file, entry, message });
}

/**
 * A message for a caught error that never echoes input: JSON.parse and YAML messages quote the
 * offending text, which may hold a secret, so only the error kind and position survive.
 */
export function safeMessage(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown error';
  const position = /position (\d+)/.exec(error.message);
  if (error instanceof SyntaxError) {
    return position ? `invalid JSON at position ${position[1]}` : 'invalid JSON';
  }
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  return error.name;
}

export { isRecord } from '../core/json.ts';
