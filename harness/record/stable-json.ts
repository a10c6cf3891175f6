/** A copy of a JSON value with object keys sorted recursively (arrays keep their order). */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = sortKeys(v);
  }
  return out;
}

/** Compact JSON with sorted keys: equal for semantically equal objects. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/** Diff-friendly JSON: sorted keys, two-space indent, trailing newline. */
export function prettyStableJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}
