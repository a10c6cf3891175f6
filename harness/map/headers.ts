import { ALWAYS_REDACTED_HEADERS } from '../core/config.ts';
import type { HeaderMap } from '../core/exchange.ts';
import type { RateLimitObservation } from '../core/report.ts';
import { deref, operationNode } from '../spec/select.ts';
import type { OperationMatch } from '../spec/types.ts';
import { isRecord } from '../core/json.ts';


/**
 * Plain HTTP, CDN and proxy headers: catalogued, but not reported as undocumented (the spec is
 * about the API, not about Cloudflare).
 */
const INFRASTRUCTURE = new Set([
  'date', 'server', 'connection', 'keep-alive', 'transfer-encoding', 'content-type', 'content-length',
  'content-encoding', 'vary', 'via', 'alt-svc', 'cf-ray', 'cf-cache-status', 'strict-transport-security',
  'x-content-type-options', 'set-cookie', 'cache-control', 'expires', 'pragma', 'etag', 'last-modified',
  'age', 'accept-ranges', 'content-disposition', 'x-envoy-upstream-service-time', 'x-frame-options',
  'x-xss-protection', 'referrer-policy', 'nel', 'report-to', 'content-security-policy', 'http_version',
]);

/** True for headers we catalogue but never call undocumented. */
export function isInfrastructureHeader(name: string): boolean {
  return INFRASTRUCTURE.has(name) || name.startsWith('access-control-') || name.startsWith('cf-') || name.startsWith(':');
}

/** A header value safe to print: secrets withheld, long values cut. */
export function headerExample(name: string, value: string, extra: readonly string[] = []): string {
  if (ALWAYS_REDACTED_HEADERS.includes(name) || extra.includes(name) || /cookie|auth|api-key|token$/.test(name)) return '[redacted]';
  return value.length > 60 ? `${value.slice(0, 59)}…` : value;
}

const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, 'µs': 0.001, ns: 0.000001 };

/**
 * Parses Go-style durations as OpenAI sends them (`6m0s`, `1s`, `20ms`, `1m30.5s`, `2h3m`) and bare
 * numbers (seconds). Returns null for anything else, e.g. a hand-edited list.
 */
export function parseDuration(raw: string): number | null {
  const text = raw.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  if (!/^(\d+(\.\d+)?(h|ms|m|s|us|µs|ns))+$/.test(text)) return null;
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g)) total += Number(m[1]) * (UNIT_MS[m[2] ?? 's'] ?? 0);
  return Math.round(total * 1000) / 1000;
}

function parseCount(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const t = raw.trim();
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : null;
}

/** One rate-limit resource parsed from a response's headers (the report adds where it was seen). */
export interface RateLimit extends Pick<RateLimitObservation, 'resource' | 'limit' | 'remaining' | 'resetMs' | 'rawReset' | 'consistent'> {
  problems: string[];
}

const RATE = /^x-ratelimit-(limit|remaining|reset)-(.+)$/;

/**
 * Parses the `x-ratelimit-{limit,remaining,reset}-{resource}` family, with resource names
 * normalised (`tokens_usage_based` -> `tokens-usage-based`). Never throws: a value that does not
 * parse is kept raw and the resource is marked inconsistent.
 */
export function parseRateLimits(headers: HeaderMap): RateLimit[] {
  const byResource = new Map<string, { limit?: string; remaining?: string; reset?: string }>();
  for (const name in headers) {
    // Most headers are not rate limits: a prefix test before the regex (this runs per exchange).
    if (!name.startsWith('x-ratelimit-')) continue;
    const m = RATE.exec(name);
    const value = headers[name];
    if (!m || typeof value !== 'string') continue;
    const resource = (m[2] ?? '').replace(/_/g, '-');
    const entry = byResource.get(resource) ?? {};
    entry[m[1] as 'limit' | 'remaining' | 'reset'] = value;
    byResource.set(resource, entry);
  }
  const out: RateLimit[] = [];
  for (const [resource, raw] of byResource) {
    const problems: string[] = [];
    const limit = parseCount(raw.limit);
    const remaining = parseCount(raw.remaining);
    const resetMs = raw.reset === undefined ? null : parseDuration(raw.reset);
    if (raw.limit !== undefined && limit === null) problems.push(`limit ${JSON.stringify(raw.limit)} is not a number`);
    if (raw.remaining !== undefined && remaining === null) problems.push(`remaining ${JSON.stringify(raw.remaining)} is not a number`);
    if (raw.reset !== undefined && resetMs === null) problems.push(`reset ${JSON.stringify(raw.reset)} is not a duration`);
    if (limit !== null && remaining !== null && remaining > limit) problems.push(`remaining ${remaining} > limit ${limit}`);
    out.push({ resource, limit, remaining, resetMs, rawReset: raw.reset ?? null, consistent: problems.length === 0, problems });
  }
  return out;
}

/**
 * Header names the spec declares on an operation's responses (it declares very few), found the way
 * the spec layer finds response bodies: by the operation's path key, through `$ref`'d responses
 * (`#/components/responses/TooManyRequests` declares `Retry-After`).
 */
export function documentedHeaders(document: Record<string, unknown>, op: OperationMatch): Set<string> {
  const out = new Set<string>();
  const responses = operationNode(document, op)?.node['responses'];
  if (!isRecord(responses)) return out;
  for (const response of Object.values(responses)) {
    const headers = (deref(document, response)?.node ?? (isRecord(response) ? response : {}))['headers'];
    if (isRecord(headers)) for (const h of Object.keys(headers)) out.add(h.toLowerCase());
  }
  return out;
}
