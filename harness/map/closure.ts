import type { JsonSchema } from '../spec/types.ts';
import type { SchemaViews } from './schema-view.ts';
import { childPath } from './values.ts';

/** Bounds that keep recursive schemas (Response output items, JSON schemas) finite. */
export const CLOSURE_MAX_DEPTH = 8;
export const CLOSURE_MAX_PATHS = 2000;

/**
 * Every response field path a schema documents, in walker notation (`choices[].message.refusal`,
 * `metadata.*`), with all `anyOf`/`oneOf` branches included. A named schema is not re-entered
 * below itself, and depth and total size are capped, so recursive schemas stay bounded.
 */
export function schemaClosure(views: SchemaViews, root: JsonSchema): string[] {
  const out = new Set<string>();
  const visit = (schema: JsonSchema, path: string, depth: number, stack: ReadonlySet<string>): void => {
    if (depth > CLOSURE_MAX_DEPTH || out.size >= CLOSURE_MAX_PATHS) return;
    const view = views.view(schema);
    if (view.name && stack.has(view.name) && depth > 0) return;
    const inner = view.name ? new Set([...stack, view.name]) : stack;
    for (const [key, prop] of view.properties) {
      const at = childPath(path, key);
      out.add(at);
      visit(prop, at, depth + 1, inner);
    }
    if (view.mapValues) {
      const at = childPath(path, '*');
      out.add(at);
      visit(view.mapValues, at, depth + 1, inner);
    }
    if (view.items) {
      const at = `${path}[]`;
      if (path !== '') out.add(at);
      visit(view.items, at, depth + 1, inner);
    }
    for (const branches of view.variants) for (const b of branches) visit(b, path, depth + 1, inner);
  };
  visit(root, '', 0, new Set());
  out.delete('');
  return [...out];
}
