/** The minimal request shape collapseRetries needs (a Polly request satisfies it). */
export interface RetriedRequest {
  id: string;
  order: number;
  getHeader(name: string): string | string[] | null | undefined;
}

/**
 * When the SDK retried a request while recording (config.retries > 0, e.g. after a 429 with
 * Retry-After), only the final attempt belongs in the cassette: replay runs with retries off, so
 * it must find the successful answer first. Drops the earlier attempts (the SDK marks retries
 * with `x-stainless-retry-count: n`) and returns the new per-id order of the kept ones (Polly's
 * request objects are frozen, so the caller writes it into the HAR entry's `_order`).
 */
export function collapseRetries<T extends RetriedRequest>(requests: readonly T[]): { kept: T[]; order: Map<T, number> } {
  const dropped = new Set<T>();
  requests.forEach((request, index) => {
    const count = Number([request.getHeader('x-stainless-retry-count')].flat()[0] ?? 0);
    if (!Number.isFinite(count) || count <= 0) return;
    let remaining = count;
    for (let i = index - 1; i >= 0 && remaining > 0; i--) {
      const earlier = requests[i] as T;
      if (earlier.id === request.id && !dropped.has(earlier)) {
        dropped.add(earlier);
        remaining--;
      }
    }
  });
  const kept = requests.filter((r) => !dropped.has(r));
  const seen = new Map<string, number>();
  const order = new Map<T, number>();
  for (const request of kept) {
    const next = seen.get(request.id) ?? 0;
    order.set(request, next);
    seen.set(request.id, next + 1);
  }
  return { kept, order };
}
