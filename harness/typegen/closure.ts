/**
 * The part of the spec typegen compiles: the component schemas reachable from the schemas seen in
 * the recordings, copied out of the document as `$defs` so json-schema-to-typescript names each
 * type after its component (and never after a `title`, which is not unique in the OpenAI spec).
 */

import { isRecord } from '../core/json.ts';
import { componentName } from '../spec/pointer.ts';

export type Node = Record<string, unknown>;

/** Component schemas of the document, or an empty map. */
export function componentSchemas(document: Record<string, unknown>): Record<string, unknown> {
  const components = document['components'];
  const schemas = isRecord(components) ? components['schemas'] : undefined;
  return isRecord(schemas) ? schemas : {};
}

/** Names of every component reachable from `roots`, roots included, sorted. */
export function reachable(document: Record<string, unknown>, roots: Iterable<string>): string[] {
  const schemas = componentSchemas(document);
  const seen = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!isRecord(value)) return;
    for (const [key, child] of Object.entries(value)) {
      const name = key === '$ref' && typeof child === 'string' ? componentName(child) : null;
      if (name !== null) {
        if (!seen.has(name) && name in schemas) {
          seen.add(name);
          visit(schemas[name]);
        }
      } else visit(child);
    }
  };
  for (const root of roots) {
    if (root in schemas && !seen.has(root)) {
      seen.add(root);
      visit(schemas[root]);
    }
  }
  return [...seen].sort();
}

/**
 * Deep-copies the named components into `$defs` under `rename(name)`, rewriting their `$ref`s the
 * same way and dropping string `title`s (json-schema-to-typescript would name types after them).
 */
export function copyDefs(document: Record<string, unknown>, names: string[], rename: (name: string) => string): Record<string, Node> {
  const schemas = componentSchemas(document);
  const copy = (value: unknown, inProperties: boolean): unknown => {
    if (Array.isArray(value)) return value.map((v) => copy(v, false));
    if (!isRecord(value)) return value;
    const out: Node = {};
    for (const [key, child] of Object.entries(value)) {
      if (!inProperties && key === 'title' && typeof child === 'string') continue;
      if (!inProperties && key === '$ref' && typeof child === 'string') {
        const name = componentName(child);
        out[key] = name === null ? child : `#/$defs/${rename(name)}`;
      } else out[key] = copy(child, !inProperties && (key === 'properties' || key === 'patternProperties' || key === '$defs'));
    }
    return out;
  };
  const defs: Record<string, Node> = {};
  for (const name of names) {
    const schema = copy(schemas[name], false);
    defs[rename(name)] = isRecord(schema) ? schema : {};
  }
  return defs;
}
