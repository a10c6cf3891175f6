import { stableStringify } from './stable-json.ts';
import { REDACTED, redactJsonValue, type RedactionRules } from './redact.ts';

/**
 * What a request is matched on besides its method: path and sorted query, never scheme, host or
 * port (a mock's port changes every run), with secret query values masked so no secret feeds the
 * request hash.
 */
export function urlForMatching(url: string, rules: RedactionRules): string {
  const parsed = new URL(url);
  const query = [...parsed.searchParams.entries()]
    .map(([k, v]) => [k, rules.queryParams.has(k.toLowerCase()) ? REDACTED : v] as const)
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : av > bv ? 1 : 0) : a < b ? -1 : 1))
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  return `${parsed.pathname}${query ? `?${query}` : ''}`;
}

const BOUNDARY = /^--([^\r\n]{1,200})\r\n/;

/**
 * What a request body is matched on: JSON compared semantically (key order and whitespace do not
 * matter, secret paths masked), multipart with its random boundary replaced, anything else as is.
 */
export function bodyForMatching(body: unknown, rules: RedactionRules): unknown {
  if (body === undefined || body === null || body === '') return body;
  const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('latin1') : null;
  if (text === null) return body;
  const first = text.trimStart()[0];
  if (first === '{' || first === '[') {
    try {
      const value: unknown = JSON.parse(text);
      redactJsonValue(value, rules.bodyPaths);
      return stableStringify(value);
    } catch {
      // Not JSON after all: match it as text.
    }
  }
  const boundary = BOUNDARY.exec(text)?.[1];
  if (boundary) return text.split(boundary).join('fieldwork-boundary');
  return text;
}
