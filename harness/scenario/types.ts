import type OpenAI from 'openai';
import type { FieldworkConfig, TargetName } from '../core/config.ts';

/** Values a matrix axis can take; kept to JSON scalars so variant names stay stable. */
export type MatrixValue = string | number | boolean | null;

/** `{ model: ['gpt-4o-mini', 'gpt-4.1-mini'], stream: [false, true] }`. */
export type Matrix = Record<string, readonly MatrixValue[]>;

/** One cell of the matrix: the parameters a single recording is made with. */
export type VariantParams = Record<string, MatrixValue>;

/** A fully expanded variant with its stable, readable recording name. */
export interface Variant {
  scenarioId: string;
  params: VariantParams;
  /** e.g. `chat-basic/model=gpt-4o-mini,stream=true`; stable across runs and machines. */
  name: string;
}

/** What a scenario's `run` receives. */
export interface ScenarioContext {
  /** The official SDK client, wired through the recorder (retries off in replay). */
  client: OpenAI;
  /** A fetch that is recorded too, for endpoints the SDK does not cover. */
  fetch: typeof globalThis.fetch;
  params: VariantParams;
  variant: Variant;
  /** Base URL the client talks to (e.g. `http://127.0.0.1:4010/v1`). */
  baseURL: string;
  provider: string;
  config: FieldworkConfig;
}

/** A scenario as written in `scenarios/<id>.ts` (default export of `defineScenario(...)`). */
export interface ScenarioDefinition {
  /** kebab-case, unique, equal to the file name. */
  id: string;
  description: string;
  /** `POST /v1/chat/completions`, or several for multi-call scenarios. */
  endpoint: string | readonly string[];
  /** Static matrix, or one built from the configured model lists (so users widen it by config). */
  matrix?: Matrix | ((config: FieldworkConfig) => Matrix);
  /** Targets that can serve it; the recorder skips (and reports) the others. Default: all. */
  targets?: readonly TargetName[];
  /** Group in the catalogue (chat, responses, embeddings, ...). */
  group?: string;
  run(ctx: ScenarioContext): Promise<unknown>;
}
