import type { RecordMode } from '../core/config.ts';
import type { FieldworkError } from '../core/errors.ts';
import type { Har } from '@pollyjs/persister';
import { FieldworkAdapter, WIRE, type FieldworkAdapterOptions, type WireExtras } from './adapter.ts';
import { createRecordedFetch } from './fetch.ts';
import { finishEntry } from './har-entry.ts';
import { FIELDWORK_VERSION, SDK_VERSION, safeBaseUrl } from './meta.ts';
import { bodyForMatching, urlForMatching } from './match.ts';
import { FieldworkPersister, type CassetteMeta, type FieldworkPersisterOptions } from './persister.ts';
import { Polly, type PollyRequest } from './polly.ts';
import { redactUrl, type RedactionRules } from './redact.ts';
import { collapseRetries, type RetriedRequest } from './retries.ts';

export interface SessionOptions {
  mode: RecordMode;
  /** The cassette file (one per variant). */
  file: string;
  /** Polly recording name, e.g. `aimock/chat-basic/model=gpt-4o-mini`. */
  recordingName: string;
  /** What the caller knows; the session adds the versions and strips the base URL of credentials. */
  meta: Omit<CassetteMeta, 'fieldworkVersion' | 'sdkVersion'>;
  rules: RedactionRules;
  pace: 'none' | 'recorded';
  /** Builds the error for a request that has no recording in replay. */
  onMissing: FieldworkAdapterOptions['onMissing'];
  /** The cassette if the caller has parsed it already, so the persister does not read it again. */
  cassette?: Har;
}

/** One Polly instance bound to one cassette, and the fetch that goes through it. */
export interface RecordingSession {
  fetch: typeof globalThis.fetch;
  /** Missing-recording errors raised during the run (the SDK wraps fetch errors, so keep ours). */
  missing: FieldworkError[];
  /** Number of requests that went to the network (0 in replay, by construction). */
  readonly networkRequests: number;
  /**
   * Requests that went to the network and never got a complete response, not even on a retry:
   * one line each (`POST <url>: <error>`). Nothing was recorded for them, so the variant has
   * failed even when the scenario caught the error itself.
   */
  networkFailures(): string[];
  /**
   * Ends the session. `persist: true` writes the cassette (record/new modes); `false` throws
   * away everything recorded, leaving the old cassette untouched.
   */
  stop(persist: boolean): Promise<void>;
}

const POLLY_MODE: Record<RecordMode, 'record' | 'replay' | 'passthrough'> = {
  record: 'record',
  new: 'replay',
  replay: 'replay',
  passthrough: 'passthrough',
};

/**
 * Opens a session: a fresh Polly instance with the fieldwork adapter and persister, matching on
 * method + path/query + semantic body (headers ignored), failed responses recorded, Polly's own
 * logging silenced (it would print request headers), and secrets redacted before persisting.
 */
export function openSession(options: SessionOptions): RecordingSession {
  const missing: FieldworkError[] = [];
  let networkRequests = 0;
  // Keyed by Polly's request id (method + url + body): a later success of the same request clears it.
  const failures = new Map<string, string>();
  const { rules } = options;
  const adapterOptions: FieldworkAdapterOptions = {
    pace: options.pace,
    onMissing: options.onMissing,
    onError: (error) => missing.push(error),
    onNetwork: () => networkRequests++,
    onNetworkError: (id, method, url, error) => {
      failures.set(id, `${method} ${redactUrl(url, rules.queryParams)}: ${error instanceof Error ? error.message : String(error)}`);
    },
    onNetworkResponse: (id) => failures.delete(id),
  };
  const persisterOptions: FieldworkPersisterOptions = {
    file: options.file,
    fresh: options.mode === 'record',
    meta: { ...options.meta, baseUrl: safeBaseUrl(options.meta.baseUrl), fieldworkVersion: FIELDWORK_VERSION, sdkVersion: SDK_VERSION },
    ...(options.cassette ? { cassette: options.cassette } : {}),
  };
  const polly = new Polly(options.recordingName, {
    mode: POLLY_MODE[options.mode],
    adapters: [FieldworkAdapter as never],
    adapterOptions: { fieldwork: adapterOptions },
    persister: FieldworkPersister as never,
    persisterOptions: { 'fieldwork-fs': persisterOptions, keepUnusedRequests: false } as never,
    logLevel: 'silent' as never,
    recordIfMissing: options.mode === 'new',
    recordFailedRequests: true,
    flushRequestsOnStop: true,
    matchRequestsBy: {
      method: true,
      headers: false,
      order: true,
      url: (url: string) => urlForMatching(url, rules),
      body: (body: unknown) => bodyForMatching(body, rules) as string,
    },
  });
  // Keyed by id:order: the request beforePersist receives is a frozen copy, not the same object.
  const renumbered = new Map<string, number>();
  polly.server.any().on('beforePersist', (req: PollyRequest, entry: unknown) => {
    const wire = (req as unknown as { [WIRE]?: WireExtras })[WIRE];
    finishEntry(entry as never, req.body, wire, rules);
    const order = renumbered.get(`${req.id}:${req.order}`);
    if (order !== undefined) (entry as { _order: number })._order = order;
  });
  const adapter = polly.adapters.get('fieldwork') as unknown as FieldworkAdapter;
  let stopped = false;
  return {
    fetch: createRecordedFetch(adapter),
    missing,
    get networkRequests() {
      return networkRequests;
    },
    networkFailures: () => [...failures.values()],
    async stop(persist) {
      if (stopped) return;
      stopped = true;
      const persister = polly.persister as unknown as { pending: Map<string, { requests: RetriedRequest[] }> };
      if (!persist) persister.pending.clear();
      else {
        for (const bucket of persister.pending.values()) {
          const { kept, order } = collapseRetries(bucket.requests);
          bucket.requests = kept;
          for (const [request, value] of order) renumbered.set(`${request.id}:${request.order}`, value);
        }
      }
      await polly.stop();
    },
  };
}
