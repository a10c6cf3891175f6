import { isRecord } from '../core/json.ts';
import type { Node } from './closure.ts';

/**
 * Walks a JSON schema along a field path (`choices[].message.refusal`, split by the report's
 * `pathTokens`) the way a payload would: through `$ref`, `allOf`, `anyOf` and `oneOf`. Used to
 * graft what was observed onto a copy of the spec's schemas. Every branch that can hold the path
 * is followed (a field seen under a discriminated union is added to each object branch; it stays
 * optional, so discrimination holds).
 */

const COMBINATORS = ['allOf', 'anyOf', 'oneOf'] as const;

/** The concrete (non-combinator) schemas a schema can stand for, `$ref`s resolved in `defs`. */
export function leaves(schema: unknown, defs: Record<string, Node>, seen = new Set<Node>()): Node[] {
  if (!isRecord(schema) || seen.has(schema)) return [];
  seen.add(schema);
  const out: Node[] = [];
  const ref = schema['$ref'];
  if (typeof ref === 'string' && ref.startsWith('#/$defs/')) out.push(...leaves(defs[ref.slice('#/$defs/'.length)], defs, seen));
  let combined = false;
  for (const key of COMBINATORS) {
    const members = schema[key];
    if (!Array.isArray(members)) continue;
    combined = true;
    for (const member of members) out.push(...leaves(member, defs, seen));
  }
  const hasOwnShape = 'properties' in schema || 'items' in schema || 'type' in schema || 'additionalProperties' in schema;
  if (hasOwnShape || (!combined && typeof ref !== 'string')) out.push(schema);
  return out;
}

const types = (node: Node): string[] => {
  const t = node['type'];
  return Array.isArray(t) ? t.map(String) : typeof t === 'string' ? [t] : [];
};

/** Object-like leaves: declared objects, or shapes with properties. */
export function objectLeaves(schema: unknown, defs: Record<string, Node>): Node[] {
  return leaves(schema, defs).filter((n) => types(n).includes('object') || isRecord(n['properties']) || (types(n).length === 0 && !('items' in n) && !('enum' in n) && !('const' in n)));
}

/** Schemas one step down: the items for `[]`, else the named property. */
export function step(schema: unknown, token: string, defs: Record<string, Node>): unknown[] {
  const out: unknown[] = [];
  for (const leaf of leaves(schema, defs)) {
    if (token === '[]') {
      if ('items' in leaf) out.push(leaf['items']);
      continue;
    }
    const props = leaf['properties'];
    if (isRecord(props) && token in props) out.push(props[token]);
  }
  return out;
}

/** Every schema reached by following `path` from `root` (empty when the spec has no such path). */
export function resolvePath(root: unknown, path: string[], defs: Record<string, Node>): unknown[] {
  let current: unknown[] = [root];
  for (const token of path) current = current.flatMap((s) => step(s, token, defs));
  return current;
}

/**
 * Applies `change` to each place that holds the last token of `path` (a property entry or an
 * `items`). Returns how many places changed.
 */
export function editAt(
  root: unknown,
  path: string[],
  defs: Record<string, Node>,
  change: (holder: Node, key: 'items' | string, container: 'items' | 'properties') => boolean,
): number {
  const last = path[path.length - 1];
  if (last === undefined) return 0;
  let edits = 0;
  for (const parent of resolvePath(root, path.slice(0, -1), defs)) {
    for (const leaf of leaves(parent, defs)) {
      if (last === '[]') {
        if ('items' in leaf && change(leaf, 'items', 'items')) edits++;
      } else if (change(leaf, last, 'properties')) edits++;
    }
  }
  return edits;
}
