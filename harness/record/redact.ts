import { ALWAYS_REDACTED_HEADERS } from '../core/config.ts';

/** What replaces a secret on disk. */
export const REDACTED = '[REDACTED]';

/** Resolved redaction rules (names lower-cased). */
export interface RedactionRules {
  headers: ReadonlySet<string>;
  queryParams: ReadonlySet<string>;
  /** Dot paths into JSON bodies; `*` matches any key or array index (`messages.*.name`). */
  bodyPaths: readonly string[];
}

/** Rules from the config: the always-redacted headers plus the user's extra ones. */
export function redactionRules(redact: { headers: string[]; queryParams: string[]; bodyPaths: string[] }): RedactionRules {
  return {
    headers: new Set([...ALWAYS_REDACTED_HEADERS, ...redact.headers].map((h) => h.toLowerCase())),
    queryParams: new Set(redact.queryParams.map((q) => q.toLowerCase())),
    bodyPaths: [...redact.bodyPaths],
  };
}

/** HAR name/value pairs with secret values replaced. */
export function redactPairs<T extends { name: string; value: string }>(pairs: readonly T[], names: ReadonlySet<string>): T[] {
  return pairs.map((pair) => (names.has(pair.name.toLowerCase()) ? { ...pair, value: REDACTED } : pair));
}

/** A URL with secret query parameter values (and any user:password) replaced. */
export function redactUrl(url: string, params: ReadonlySet<string>): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  let changed = false;
  if (parsed.username || parsed.password) {
    parsed.username = '';
    parsed.password = '';
    changed = true;
  }
  for (const key of [...parsed.searchParams.keys()]) {
    if (params.has(key.toLowerCase())) {
      parsed.searchParams.set(key, REDACTED);
      changed = true;
    }
  }
  return changed ? parsed.href : url;
}

function redactPath(value: unknown, path: readonly string[]): boolean {
  if (path.length === 0 || value === null || typeof value !== 'object') return false;
  const [head, ...rest] = path as [string, ...string[]];
  const record = value as Record<string, unknown>;
  const keys = head === '*' ? Object.keys(record) : Object.hasOwn(record, head) ? [head] : [];
  let changed = false;
  for (const key of keys) {
    if (rest.length === 0) {
      record[key] = REDACTED;
      changed = true;
    } else if (redactPath(record[key], rest)) changed = true;
  }
  return changed;
}

/** Applies body paths to a parsed JSON value in place; true when anything was replaced. */
export function redactJsonValue(value: unknown, paths: readonly string[]): boolean {
  let changed = false;
  for (const path of paths) if (redactPath(value, path.split('.'))) changed = true;
  return changed;
}

/** A JSON text with the body paths redacted; other texts come back unchanged. */
export function redactJsonText(text: string, paths: readonly string[]): string {
  if (paths.length === 0) return text;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text;
  }
  return redactJsonValue(value, paths) ? JSON.stringify(value) : text;
}
