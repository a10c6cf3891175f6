import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** One body chunk as it arrived: ms since the request started, and its size in bytes. */
export interface ChunkTiming {
  offsetMs: number;
  bytes: number;
}

/** A response read to the end over node:http(s), its body decoded. */
export interface WireResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** Arrival of each (decoded) body chunk. */
  chunks: ChunkTiming[];
  /** The content-encoding that was removed (`gzip`, `br`, `deflate`), if any. */
  decoded: string | null;
}

export interface WireRequest {
  url: string;
  method: string;
  headers: Record<string, string | string[]>;
  body: Buffer | string | undefined;
  signal?: AbortSignal | undefined;
  /** `performance.now()` when the caller started the request; chunk offsets count from it. */
  startedAt: number;
}

function decoderFor(encoding: string): Readable & NodeJS.WritableStream | null {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'br':
      return createBrotliDecompress();
    case 'deflate':
      return createInflate();
    default:
      return null;
  }
}

/**
 * Sends one request over node:http/https and reads the whole response, timing every chunk.
 * Rejects when the connection drops before the body is complete, so a half-received response
 * can never be recorded as a success.
 */
export function sendOverHttp(request: WireRequest): Promise<WireResponse> {
  const url = new URL(request.url);
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise<WireResponse>((resolve, reject) => {
    const req = transport.request(
      url,
      { method: request.method, headers: request.headers, ...(request.signal ? { signal: request.signal } : {}) },
      (res) => {
        const encoding = (res.headers['content-encoding'] ?? '').trim().toLowerCase();
        const decoder = decoderFor(encoding);
        const source: Readable = decoder ? (res.pipe(decoder) as unknown as Readable) : res;
        const parts: Buffer[] = [];
        const chunks: ChunkTiming[] = [];
        let failed = false;
        const fail = (error: Error): void => {
          if (failed) return;
          failed = true;
          reject(error);
        };
        const cut = (): void => fail(new Error(`Connection to ${url.host} closed before the response body was complete.`));
        res.on('aborted', cut);
        res.on('error', fail);
        decoder?.on('error', (error) => fail(new Error(`Cannot decode ${encoding} body from ${url.host}: ${error.message}`)));
        source.on('data', (data: Buffer) => {
          parts.push(data);
          chunks.push({ offsetMs: Math.round((performance.now() - request.startedAt) * 10) / 10, bytes: data.length });
        });
        source.on('end', () => {
          if (failed) return;
          if (!res.complete) {
            cut();
            return;
          }
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(parts),
            chunks,
            decoded: decoder ? encoding : null,
          });
        });
      },
    );
    req.on('error', reject);
    if (request.body !== undefined) req.write(request.body);
    req.end();
  });
}
