import type { Finding, FindingKind } from './finding.ts';

/**
 * The shape of `reports/report.json`, written by `fieldwork analyze` (harness/map) and read by
 * every output (harness/report, harness/typegen, the CI gate). Bump REPORT_VERSION on any
 * incompatible change.
 */
export const REPORT_VERSION = 1;

/** One field path seen in one group (operation body or stream event type). */
export interface FieldObservation {
  /** `choices[].message.refusal`; `` is the root. */
  path: string;
  count: number;
  /** JSON type -> count (string, number, integer, boolean, null, object, array). */
  types: Record<string, number>;
  /** Up to a few short example values (truncated, redacted). */
  examples: string[];
  models: string[];
  providers: string[];
  /** Whether the resolved schema declares this path. */
  documented: boolean;
  /** The spec's description of the field, when documented. */
  description?: string;
  /** The spec's type(s) for the path, when documented. */
  specTypes?: string[];
  /** Whether the spec allows null here. */
  specNullable?: boolean;
}

/** Observations for one operation's response body, or one stream event type of an operation. */
export interface ObservationGroup {
  /** `POST /chat/completions` or `POST /responses :: response.output_text.delta`. */
  key: string;
  operation: string;
  /** Event type for stream groups (`chat.completion.chunk`, `response.created`), else null. */
  event: string | null;
  schema: string | null;
  /** Number of payloads (bodies or events) observed. */
  samples: number;
  models: string[];
  providers: string[];
  fields: FieldObservation[];
}

export interface CoverageGroup {
  key: string;
  operation: string;
  event: string | null;
  schema: string | null;
  /** Documented response field paths (bounded closure of the schema). */
  documented: number;
  /** Of those, how many were observed at least once. */
  observed: number;
  ratio: number;
  neverObserved: string[];
}

export interface HeaderObservation {
  name: string;
  count: number;
  examples: string[];
  documented: boolean;
}

export interface RateLimitObservation {
  operation: string;
  provider: string;
  /** `requests`, `tokens`, `input-images`, `tokens-usage-based`, ... */
  resource: string;
  limit: number | null;
  remaining: number | null;
  /** Reset duration in ms, parsed from `6m0s`, `1s`, `20ms`. */
  resetMs: number | null;
  rawReset: string | null;
  consistent: boolean;
  file: string;
  entry: number | null;
}

export interface StreamSummary {
  operation: string;
  provider: string;
  file: string;
  entry: number | null;
  events: number;
  /** Time to first event in ms, when timing was recorded. */
  firstEventMs: number | null;
  /** Gaps between consecutive events in ms, when timing was recorded. */
  gapsMs: number[];
  /** Reassembled final text (truncated) for chat/responses streams. */
  text?: string;
  /** The final object rebuilt from the chunks (chat completion, text completion or response; strings truncated). */
  reassembled?: Record<string, unknown>;
  /** Stream kind the reassembly recognised: `chat`, `completion`, `responses` or `other`. */
  kind?: string;
}

export interface Report {
  version: typeof REPORT_VERSION;
  generatedAt: string;
  spec: { path: string; sha256: string; openapi: string };
  inputs: string[];
  summary: {
    files: number;
    exchanges: number;
    events: number;
    errors: number;
    findings: number;
    byKind: Partial<Record<FindingKind, number>>;
  };
  findings: Finding[];
  observations: ObservationGroup[];
  coverage: { overall: { documented: number; observed: number; ratio: number }; groups: CoverageGroup[] };
  headers: {
    /** operation -> headers seen on its responses. */
    operations: Record<string, HeaderObservation[]>;
    rateLimits: RateLimitObservation[];
  };
  streams: StreamSummary[];
  /** Per provider and operation: fields added / omitted relative to the spec and to `openai`. */
  providers: Array<{
    provider: string;
    operation: string;
    exchanges: number;
    addsVsSpec: string[];
    omitsVsSpec: string[];
    addsVsOpenai: string[];
    omitsVsOpenai: string[];
  }>;
  /** Findings stored per (kind, operation, path) group; all are counted (see `findingGroups`). */
  findingsCap?: number;
  /** Every (kind, operation, path) finding group with its full count, most frequent first. */
  findingGroups?: Array<{ kind: FindingKind; operation: string | null; path: string; count: number; stored: number }>;
  /** Fields seen only for some of the models observed in their group (e.g. reasoning details). */
  modelSpecific?: Array<{ key: string; path: string; models: string[]; groupModels: number }>;
}
