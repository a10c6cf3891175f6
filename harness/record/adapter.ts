import { Adapter, type PollyRequest } from './polly.ts';
import { FieldworkError } from '../core/errors.ts';
import { loadBody, storeBody } from './body.ts';
import type { FieldworkEntryExtras } from './har-entry.ts';
import { sendOverHttp, type ChunkTiming, type WireResponse } from './http-send.ts';
import { buildResponse } from './response.ts';

/** What the recorded fetch hands the adapter with each request (Polly's `requestArguments`). */
export interface PendingCall {
  resolve(response: Response): void;
  reject(error: unknown): void;
  signal: AbortSignal | undefined;
  /** `performance.now()` when fetch was called. */
  startedAt: number;
}

/** Per-session adapter options (`adapterOptions.fieldwork`). */
export interface FieldworkAdapterOptions {
  pace: 'none' | 'recorded';
  /** The error a request without a recording fails with (names scenario, variant, command). */
  onMissing(method: string, url: string): FieldworkError;
  /** Called with every missing-recording error, so the runner can report it even when the SDK wraps it. */
  onError?(error: FieldworkError): void;
  /** Called once per request that really goes to the network (record, new, passthrough). */
  onNetwork?(): void;
  /**
   * Called when a request that went to the network got no complete response (refused, reset,
   * cut mid-body). `id` is Polly's request identity, so a retry that later succeeds can clear it.
   */
  onNetworkError?(id: string, method: string, url: string, error: unknown): void;
  /** Called when a request that went to the network got a complete response. */
  onNetworkResponse?(id: string): void;
}

/** What the wire told us about a recorded response, kept on the Polly request for beforePersist. */
export interface WireExtras {
  chunks: ChunkTiming[];
  decoded: string | null;
  bytes: number;
}

export const WIRE = Symbol('fieldwork.wire');
const REPLAY_CHUNKS = Symbol('fieldwork.replayChunks');

type FieldworkRequest = PollyRequest & {
  requestArguments: PendingCall;
  [WIRE]?: WireExtras;
  [REPLAY_CHUNKS]?: ChunkTiming[];
  response: PollyRequest['response'] & { encoding?: string };
};

/** Drops header values node reports as undefined and the encoding we removed by decoding. */
function cleanHeaders(headers: Record<string, string | string[] | undefined>, decoded: boolean): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (decoded && (name === 'content-encoding' || name === 'content-length')) continue;
    out[name] = value;
  }
  return out;
}

/**
 * A Polly adapter fed directly by the fetch we hand the SDK (see fetch.ts), instead of patching
 * node:http process-wide like the nock-based node-http adapter. That keeps one Polly instance per
 * variant independent (parallel variants cannot see each other's traffic), and lets us time
 * stream chunks and decode gzip on the way in. The real request still goes over node:http(s).
 */
export class FieldworkAdapter extends Adapter<FieldworkAdapterOptions, FieldworkRequest> {
  static override readonly id = 'fieldwork';

  override onConnect(): void {}

  override onDisconnect(): void {}

  override async onFetchResponse(pollyRequest: FieldworkRequest) {
    const call = pollyRequest.requestArguments;
    this.options.onNetwork?.();
    // Polly sets the id (a hash of what requests are matched by) before fetching.
    const id = pollyRequest.id ?? `${pollyRequest.method} ${pollyRequest.url}`;
    let wire: WireResponse;
    try {
      wire = await sendOverHttp({
        url: pollyRequest.url,
        method: pollyRequest.method,
        headers: { ...(pollyRequest.headers as Record<string, string | string[]>) },
        body: pollyRequest.body as Buffer | string | undefined,
        signal: call.signal,
        startedAt: call.startedAt,
      });
    } catch (error) {
      // Nothing is recorded for it; the session counts it even if the scenario catches the error.
      this.options.onNetworkError?.(id, pollyRequest.method, pollyRequest.url, error);
      throw error;
    }
    this.options.onNetworkResponse?.(id);
    const contentType = [wire.headers['content-type']].flat()[0];
    const stored = storeBody(wire.body, contentType);
    pollyRequest[WIRE] = { chunks: wire.chunks, decoded: wire.decoded, bytes: wire.body.length };
    const response = {
      statusCode: wire.status,
      headers: cleanHeaders(wire.headers, wire.decoded !== null),
      body: stored.text,
      ...(stored.encoding ? { encoding: stored.encoding } : {}),
    };
    return response as unknown as Awaited<ReturnType<InstanceType<typeof Adapter>['onFetchResponse']>>;
  }

  override async onReplay(pollyRequest: FieldworkRequest, normalized?: unknown, entry?: FieldworkEntryExtras): Promise<void> {
    if (entry?._chunks) pollyRequest[REPLAY_CHUNKS] = entry._chunks;
    await (pollyRequest as unknown as { respond(r: unknown): Promise<void> }).respond(normalized);
  }

  override async onRespond(pollyRequest: FieldworkRequest, error?: Error): Promise<void> {
    const call = pollyRequest.requestArguments;
    if (error) {
      if (/recordIfMissing/.test(error.message)) {
        // Polly's own message prints the request headers; ours names the fix and no secret.
        const missing = this.options.onMissing(pollyRequest.method, pollyRequest.url);
        this.options.onError?.(missing);
        call.reject(missing);
      } else call.reject(error);
      return;
    }
    const { statusCode, headers, body, encoding } = pollyRequest.response;
    const paced = this.options.pace === 'recorded' ? pollyRequest[REPLAY_CHUNKS] : undefined;
    call.resolve(
      buildResponse({
        status: statusCode ?? 200,
        headers: headers as Record<string, string | string[]>,
        body: loadBody(typeof body === 'string' ? body : undefined, encoding),
        chunks: paced,
        startedAt: call.startedAt,
      }),
    );
  }
}
