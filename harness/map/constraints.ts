import { isRecord } from '../core/json.ts';

/**
 * The value constraints of JSON Schema (`minimum`, `pattern`, `maxItems`, ...), checked by the
 * walker on the branch it resolved, so no second (Ajv) pass over every payload is needed. Messages
 * are Ajv's, so findings read the same as the spec layer's `validate` issues.
 */
export interface Constraint {
  keyword: ConstraintKeyword;
  limit: number;
  /** `pattern` only: the compiled expression (null when the spec's pattern does not compile). */
  pattern?: RegExp | null;
  source?: string;
}

export const CONSTRAINT_KEYWORDS = [
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties',
] as const;
export type ConstraintKeyword = (typeof CONSTRAINT_KEYWORDS)[number];

/** The constraints a schema object declares itself (not through `$ref`, `allOf` or unions). */
export function constraintsOf(schema: Record<string, unknown>): Constraint[] {
  const out: Constraint[] = [];
  for (const keyword of CONSTRAINT_KEYWORDS) {
    const v = schema[keyword];
    if (keyword === 'pattern') {
      if (typeof v === 'string') out.push({ keyword, limit: 0, pattern: compile(v), source: v });
    } else if (keyword === 'uniqueItems') {
      if (v === true) out.push({ keyword, limit: 0 });
    } else if (typeof v === 'number') out.push({ keyword, limit: v });
  }
  // OpenAPI 3.0's boolean form: `exclusiveMinimum: true` makes `minimum` exclusive.
  for (const [flag, bound, strict] of [['exclusiveMinimum', 'minimum', 'exclusiveMinimum'], ['exclusiveMaximum', 'maximum', 'exclusiveMaximum']] as const) {
    const at = out.findIndex((c) => c.keyword === bound);
    if (schema[flag] === true && at >= 0) out[at] = { keyword: strict, limit: out[at]!.limit };
  }
  return out;
}

function compile(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern); // Ajv here runs with unicodeRegExp: false
  } catch {
    return null;
  }
}

/** Length in code points, as Ajv counts `minLength` (a surrogate pair is one character). */
function codePoints(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && equal(a[k], b[k]));
  }
  return false;
}

/** The first pair of equal items, Ajv's way round (`j` before `i`), or null. */
function duplicate(items: readonly unknown[]): [number, number] | null {
  for (let i = items.length - 1; i > 0; i--) for (let j = i - 1; j >= 0; j--) if (equal(items[i], items[j])) return [j, i];
  return null;
}

/** Ajv's message when `value` breaks `c`, or null when it holds (or does not apply to this type). */
export function violation(c: Constraint, value: unknown): string | null {
  const n = c.limit;
  if (typeof value === 'number') {
    switch (c.keyword) {
      case 'minimum': return value < n ? `must be >= ${n}` : null;
      case 'maximum': return value > n ? `must be <= ${n}` : null;
      case 'exclusiveMinimum': return value <= n ? `must be > ${n}` : null;
      case 'exclusiveMaximum': return value >= n ? `must be < ${n}` : null;
      case 'multipleOf': return n > 0 && value / n !== Math.trunc(value / n) ? `must be multiple of ${n}` : null;
      default: return null;
    }
  }
  if (typeof value === 'string') {
    switch (c.keyword) {
      case 'minLength': return codePoints(value) < n ? `must NOT have fewer than ${n} characters` : null;
      case 'maxLength': return codePoints(value) > n ? `must NOT have more than ${n} characters` : null;
      case 'pattern': return c.pattern && !c.pattern.test(value) ? `must match pattern "${c.source}"` : null;
      default: return null;
    }
  }
  if (Array.isArray(value)) {
    switch (c.keyword) {
      case 'minItems': return value.length < n ? `must NOT have fewer than ${n} items` : null;
      case 'maxItems': return value.length > n ? `must NOT have more than ${n} items` : null;
      case 'uniqueItems': {
        const d = duplicate(value);
        return d ? `must NOT have duplicate items (items ## ${d[0]} and ${d[1]} are identical)` : null;
      }
      default: return null;
    }
  }
  if (isRecord(value)) {
    const size = c.keyword === 'minProperties' || c.keyword === 'maxProperties' ? Object.keys(value).length : 0;
    if (c.keyword === 'minProperties') return size < n ? `must NOT have fewer than ${n} properties` : null;
    if (c.keyword === 'maxProperties') return size > n ? `must NOT have more than ${n} properties` : null;
  }
  return null;
}
