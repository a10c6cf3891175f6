/**
 * The one data model every pipeline stage works on. Readers produce `Exchange`s from any cassette
 * format; the spec matcher, field mapper and reports only ever see this shape.
 */

/** Response/request headers, names lower-cased; repeated headers are joined with ", ". */
export type HeaderMap = Record<string, string>;

/** A decoded HTTP body. JSON is parsed once here so no later stage parses it again. */
export type Body =
  | { kind: 'empty' }
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; text: string }
  | { kind: 'bytes'; bytes: Uint8Array };

/** One server-sent event (or one line of a JSON-lines chunk fixture). */
export interface StreamEvent {
  /** 0-based position in the stream, counting every event including `[DONE]`. */
  index: number;
  /** The SSE `event:` field, when the stream set one. */
  event?: string;
  /** Parsed JSON when the data was JSON, otherwise the raw data text. */
  data: unknown;
  /** True when `data` is parsed JSON (a JSON string payload is still `true`). */
  json: boolean;
  /** The SSE `id:` field, when present. */
  id?: string;
  /** Milliseconds from request start to the arrival of the chunk that completed this event. */
  offsetMs?: number;
}

/** Where an exchange came from, so every finding can name the file and entry. */
export interface ExchangeSource {
  file: string;
  /** 0-based entry within the file; null for single-body fixtures. */
  entry: number | null;
  /** Reader that produced it, e.g. `har`, `vcr-yaml`, `ruby-vcr`, `azure-proxy`, `sse`. */
  format: string;
  /**
   * Cassette-level metadata when the file carries it: our HAR `log._fieldwork` (scenario, variant,
   * params, baseUrl, ...). One object shared by every exchange of the file; treat as read-only.
   */
  meta?: Record<string, unknown>;
}

/** Stream timing as recorded (only our own HAR cassettes carry it today). */
export interface StreamTiming {
  /** Arrival offset of each body chunk, ms since the request started. */
  chunkOffsetsMs: number[];
  /** Time to first byte/chunk in ms. */
  firstChunkMs?: number;
  totalMs?: number;
}

export interface ExchangeRequest {
  method: string;
  /** Absolute URL when known; path-only for fixtures that never stored a host. */
  url: string;
  headers: HeaderMap;
  body: Body;
}

export interface ExchangeResponse {
  status: number;
  headers: HeaderMap;
  body: Body;
  /** Parsed events when the body is an event stream (content type or shape). */
  events?: StreamEvent[];
}

/** One request/response pair, as recorded by anyone. */
export interface Exchange {
  source: ExchangeSource;
  /** `openai`, `aimock`, `prism`, or the host of a custom base URL. */
  provider: string;
  /** ISO timestamp when the cassette says when it was recorded. */
  recordedAt?: string;
  request: ExchangeRequest;
  response: ExchangeResponse;
  timing?: StreamTiming;
  /** Reader remarks worth surfacing, e.g. that the endpoint of a body-only fixture was inferred. */
  notes?: string[];
}

/** A problem reading one file or one entry; the reader keeps going after it. */
export interface ReadError {
  file: string;
  entry: number | null;
  message: string;
}

/** What a reader returns for one file. */
export interface ReadResult {
  file: string;
  format: string | null;
  exchanges: Exchange[];
  errors: ReadError[];
}
