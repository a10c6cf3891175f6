/** JSON pointers (RFC 6901) into the normalised document, in the `#/a/b` form `$ref` uses. */

import type { JsonSchema, SchemaChoice } from './types.ts';
import { isRecord } from '../core/json.ts';

const COMPONENT = /^#\/components\/schemas\/([^/]+)$/;

/** Escapes one key for a pointer segment. */
export function escapeSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Looks up `#/a/b` in a document; undefined when any step is missing. */
export function getPointer(document: unknown, pointer: string): unknown {
  if (!pointer.startsWith('#')) return undefined;
  const body = pointer.slice(1);
  if (body === '') return document;
  if (!body.startsWith('/')) return undefined;
  let node: unknown = document;
  for (const raw of body.slice(1).split('/')) {
    const key = unescapeSegment(raw);
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
    if (node === undefined) return undefined;
  }
  return node;
}

/** One pointer segment as a key: URI-decoded (`$ref` is a URI fragment), then `~1` -> `/`, `~0` -> `~`. */
function unescapeSegment(raw: string): string {
  return decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * Component name when the pointer is `#/components/schemas/Name` (the key `getPointer` would look
 * up, escapes undone), else null; a pointer into a component (`.../Name/properties/x`) is not one.
 * The one helper for this: spec, map (schema-view) and typegen (closure) all use it.
 */
export function componentName(pointer: string): string | null {
  const match = COMPONENT.exec(pointer);
  return match?.[1] ? unescapeSegment(match[1]) : null;
}


/**
 * Turns the schema found at `pointer` into a SchemaChoice: a bare `{$ref}` is followed (a chain of
 * them too) so the choice names the component, an inline schema keeps its own pointer.
 */
export function choiceAt(document: unknown, pointer: string): SchemaChoice | null {
  let current = pointer;
  for (let hops = 0; hops < 16; hops++) {
    const schema = getPointer(document, current);
    if (typeof schema === 'boolean') return { name: componentName(current), pointer: current, schema };
    if (!isRecord(schema)) return null;
    const ref = schema['$ref'];
    const bare = typeof ref === 'string' && Object.keys(schema).every((k) => k === '$ref' || k === 'description' || k.startsWith('x-'));
    if (!bare) return { name: componentName(current), pointer: current, schema: schema as JsonSchema };
    current = ref;
  }
  return null;
}
