/** Short, secret-free renderings of values for findings and observation examples. */

/** Longest example string kept (findings and observations are for humans, not replays). */
export const VALUE_MAX = 60;

const SECRET_KEY = /^(api[-_]?key|authorization|password|passwd|secret|client_secret|access_token|refresh_token|id_token|cookie|set-cookie|openai-organization|openai-project)$/i;
const SECRET_VALUE = /^(Bearer\s|sk-[A-Za-z0-9_-]{8,}|sess-[A-Za-z0-9]{8,}|eyJ[A-Za-z0-9_-]{10,}\.)/;

/** True when a key name or a value looks like a credential. */
export function isSecret(key: string | null, value: unknown): boolean {
  if (key !== null && SECRET_KEY.test(key)) return true;
  return typeof value === 'string' && SECRET_VALUE.test(value);
}

function truncate(text: string, max = VALUE_MAX): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Renders a value briefly: strings JSON-quoted and truncated, containers summarised by size.
 * `key` is the last path segment, used to withhold secrets.
 */
export function shortValue(value: unknown, key: string | null = null): string {
  if (isSecret(key, value)) return '[redacted]';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.length} item${value.length === 1 ? '' : 's'}]`;
  switch (typeof value) {
    case 'string':
      // Only the first VALUE_MAX characters can reach the output: stringify just those (a base64
      // image body is megabytes; its escaped prefix is the same either way).
      return truncate(JSON.stringify((value as string).length > VALUE_MAX ? (value as string).slice(0, VALUE_MAX + 1) : value));
    case 'number':
    case 'boolean':
      return String(value);
    case 'object': {
      const keys = Object.keys(value as object);
      return truncate(`{${keys.join(', ')}}`);
    }
    default:
      return truncate(String(value));
  }
}

/** The last segment of a JSON path (`choices[].message.refusal` -> `refusal`). */
export function lastKey(path: string): string | null {
  const m = /([^.[\]]+)(\[\])*$/.exec(path);
  return m?.[1] ?? null;
}

/**
 * Paths handed out so far, by parent path and key. The walker asks for the same few thousand
 * paths millions of times; returning one string object per path spares building it again and
 * lets every map keyed by it reuse the string's cached hash. Bounded: past the cap (dynamic keys
 * of undocumented maps, say) paths are simply built each time.
 */
const CHILDREN = new Map<string, Map<string, string>>();
const ITEMS = new Map<string, string>();
const INTERN_CAP = 100_000;
let interned = 0;

/** The interned children of a path (null past the cap); look them up with `childPathIn`. */
export function childrenOf(parent: string): Map<string, string> | null {
  let kids = CHILDREN.get(parent);
  if (!kids && interned < INTERN_CAP) {
    CHILDREN.set(parent, (kids = new Map()));
    interned++;
  }
  return kids ?? null;
}

/** `childPath` with the parent's table already in hand (one lookup per key, not two). */
export function childPathIn(kids: Map<string, string> | null, parent: string, key: string): string {
  const hit = kids?.get(key);
  if (hit !== undefined) return hit;
  const path = parent === '' ? key : `${parent}.${key}`;
  if (kids && interned < INTERN_CAP) {
    kids.set(key, path);
    interned++;
  }
  return path;
}

/** Joins a parent path and a property name in our notation (root is ``). */
export function childPath(parent: string, key: string): string {
  return childPathIn(childrenOf(parent), parent, key);
}

/** The path of an array's items (`data` -> `data[]`), interned like `childPath`. */
export function itemsPath(parent: string): string {
  const hit = ITEMS.get(parent);
  if (hit !== undefined) return hit;
  const path = `${parent}[]`;
  if (interned < INTERN_CAP) {
    ITEMS.set(parent, path);
    interned++;
  }
  return path;
}
