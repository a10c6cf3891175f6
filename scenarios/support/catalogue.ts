/**
 * Helpers shared by the scenario catalogue (`scenarios/*.ts`): model lists from config, typed
 * access to matrix parameters, expected-error capture, bounded polling and small deterministic
 * sample files. Lives in a sub-folder so scenario discovery (`scenarios/*.ts`) does not load it.
 */
import OpenAI from 'openai';
import type { FieldworkConfig } from '../../harness/core/config.ts';
import { FieldworkError } from '../../harness/core/errors.ts';
import type { MatrixValue, ScenarioContext, VariantParams } from '../../harness/scenario/types.ts';

export { pngImage, toneWav } from './media.ts';

/** Targets for operations both local mocks can answer (plus the real API and custom servers). */
export const ALL_TARGETS = ['aimock', 'prism', 'openai', 'custom'] as const;
/** Served by aimock and the real API; prism cannot (streams, stateful flows). */
export const AIMOCK_TARGETS = ['aimock', 'openai', 'custom'] as const;
/** Operations aimock does not implement: prism answers them from the spec. */
export const PRISM_TARGETS = ['prism', 'openai', 'custom'] as const;
/** Only a live server can answer (SSE from the Assistants API, legacy completions streaming). */
export const LIVE_TARGETS = ['openai', 'custom'] as const;

/** The configured models with duplicates removed, in the order given (a matrix axis must be unique). */
export function modelsOf(config: FieldworkConfig, ...lists: ReadonlyArray<'chat' | 'small' | 'reasoning'>): string[] {
  return [...new Set(lists.flatMap((list) => config.models[list]))];
}

function param(params: VariantParams, key: string): MatrixValue {
  if (!(key in params)) throw new FieldworkError('E_SCENARIO', `Variant has no "${key}" parameter; add it to the matrix.`);
  return params[key] ?? null;
}

/** A string matrix parameter (`model`, `format`, ...). */
export function str(params: VariantParams, key: string): string {
  return String(param(params, key));
}

/** A numeric matrix parameter. */
export function num(params: VariantParams, key: string): number {
  const value = param(params, key);
  if (typeof value !== 'number') throw new FieldworkError('E_SCENARIO', `Matrix parameter "${key}" must be a number, got ${JSON.stringify(value)}.`);
  return value;
}

/** A boolean matrix parameter. */
export function bool(params: VariantParams, key: string): boolean {
  return param(params, key) === true;
}

/** What an expected API error looked like, returned as the scenario's result. */
export interface CapturedError {
  status: number;
  type: string | null;
  code: string | null;
  param: string | null;
  retryAfter: string | null;
}

/**
 * Runs a call that must fail with `status` (or one of several, where the API is known to vary)
 * and returns the error's shape. A success or another status fails the scenario: an error
 * scenario that silently passes would record nothing useful.
 */
export async function expectApiError(status: number | readonly number[], call: () => Promise<unknown>): Promise<CapturedError> {
  const allowed = typeof status === 'number' ? [status] : status;
  try {
    await call();
  } catch (error) {
    if (!(error instanceof OpenAI.APIError) || error.status === undefined) throw error;
    if (!allowed.includes(error.status)) {
      throw new FieldworkError('E_SCENARIO', `Expected HTTP ${allowed.join(' or ')}, got ${error.status}: ${error.message}`);
    }
    const body = (error.error ?? {}) as Record<string, unknown>;
    const field = (name: string): string | null => (typeof body[name] === 'string' ? (body[name] as string) : null);
    return { status: error.status, type: field('type'), code: field('code') ?? error.code ?? null, param: field('param'), retryAfter: error.headers?.get('retry-after') ?? null };
  }
  throw new FieldworkError('E_SCENARIO', `Expected HTTP ${allowed.join(' or ')}, but the call succeeded.`);
}

/** Local mocks answer at once and some never finish a job, so they are polled briefly. */
function isMock(ctx: ScenarioContext): boolean {
  return ctx.provider === 'aimock' || ctx.provider === 'prism';
}

/** Waits between polls while recording; replay serves recorded answers, so it never sleeps. */
export async function pause(ctx: ScenarioContext, ms: number): Promise<void> {
  if (ctx.config.mode === 'replay' || isMock(ctx)) return;
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Polls `fetch` until `done` holds or `maxPolls` answers were seen. Bounded so a mock that never
 * finishes (prism always answers `queued`) records a fixed number of polls and replays them.
 */
export async function poll<T>(ctx: ScenarioContext, fetch: () => Promise<T>, done: (value: T) => boolean, maxPolls = 30): Promise<{ value: T; polls: number }> {
  let value = await fetch();
  let polls = 1;
  while (!done(value) && polls < (isMock(ctx) ? 3 : maxPolls)) {
    await pause(ctx, 1000);
    value = await fetch();
    polls++;
  }
  return { value, polls };
}

/** Consumes an SDK stream and summarises it (event types in order, with counts), for the result. */
export async function drain<E extends object>(stream: AsyncIterable<E>): Promise<{ events: number; types: string[] }> {
  let events = 0;
  const types: string[] = [];
  for await (const event of stream) {
    events++;
    const type = 'type' in event && typeof event.type === 'string' ? event.type : 'event' in event && typeof event.event === 'string' ? event.event : 'chunk';
    if (types.at(-1) !== type) types.push(type);
  }
  return { events, types };
}

/**
 * Uploads a file and waits until the API has processed it: fine-tuning rejects a training file
 * that is still being validated.
 */
export async function uploadProcessed(ctx: ScenarioContext, file: File, purpose: 'fine-tune' | 'batch' | 'assistants'): Promise<OpenAI.FileObject> {
  const created = await ctx.client.files.create({ file, purpose });
  if (created.status === 'processed') return created;
  return (await poll(ctx, () => ctx.client.files.retrieve(created.id), (f) => f.status !== 'uploaded')).value;
}

/** A JSONL file built from objects (batches, fine-tuning). */
export function jsonl(name: string, lines: readonly object[]): File {
  return new File([lines.map((line) => JSON.stringify(line)).join('\n') + '\n'], name, { type: 'application/jsonl' });
}

/** Fixed weather tool used by the tool-calling scenarios (chat and Assistants shape). */
export const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city.',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
      required: ['city', 'unit'],
      additionalProperties: false,
    },
    strict: true,
  },
} as const;
