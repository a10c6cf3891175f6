import type { FindingKind } from '../core/finding.ts';
import type { JsonSchema } from '../spec/types.ts';
import { violation } from './constraints.ts';
import { checkFormat } from './formats.ts';
import type { SchemaView, SchemaViews } from './schema-view.ts';
import { jsonType, resolveFor, typeAllowed } from './select.ts';
import { childPath, childPathIn, childrenOf, itemsPath, lastKey, shortValue } from './values.ts';
import { isRecord } from '../core/json.ts';

/** What the spec says about a field, attached to each observation. */
export interface FieldInfo {
  documented: boolean;
  description: string | null;
  specTypes: string[] | null;
  specNullable: boolean;
}

/** A finding before it is given its exchange context (file, entry, model, ...). */
export interface WalkIssue {
  kind: FindingKind;
  path: string;
  schema: string | null;
  observedType: string;
  value: string;
  message: string;
}

/** Receives every field visited and every issue found; the walker itself keeps no state. */
export interface WalkSink {
  field(path: string, type: string, value: unknown, info: FieldInfo): void;
  issue(issue: WalkIssue): void;
  /** A property the resolved schema (the chosen union branch) declares but the payload lacks. */
  absent?(path: string): void;
  /** Also check value constraints (`minimum`, `pattern`, `maxItems`, ...) as `schema-violation`. */
  constraints?: boolean;
  /**
   * True when an issue of this kind at this path is only counted from now on (the sink already
   * keeps enough examples of it) and has been counted: the walker then does not render it. Most
   * issues repeat on every payload, and rendering their messages and values was most of their cost.
   */
  full?(kind: FindingKind, path: string): boolean;
}

/** Arrays longer than this are sampled (first N items) so embeddings do not dominate the run. */
export const ARRAY_SAMPLE = 256;
const MAX_DEPTH = 64;

const UNDOCUMENTED: FieldInfo = { documented: false, description: null, specTypes: null, specNullable: false };

/** What the walker derives from a view once and reuses for every payload. */
interface WalkFacts {
  info: FieldInfo;
  /** Some `required` name is not among `properties` (so it can be missing when all of those are present). */
  requiredUndeclared: boolean;
}

const FACTS: unique symbol = Symbol('walkFacts');
type WithFacts = SchemaView & { [FACTS]?: WalkFacts };

function facts(view: SchemaView): WalkFacts {
  const v = view as WithFacts;
  let f = v[FACTS];
  if (!f) {
    f = {
      info: { documented: true, description: view.description, specTypes: view.types ? [...view.types] : null, specNullable: view.nullable },
      requiredUndeclared: [...view.required].some((r) => !view.properties.has(r)),
    };
    v[FACTS] = f;
  }
  return f;
}

/** Records a subtree the spec does not describe (observations only; the caller reported its root). */
export function walkUndocumented(value: unknown, path: string, sink: WalkSink, depth: number): void {
  const t = jsonType(value);
  sink.field(path, t, value, UNDOCUMENTED);
  if (depth > MAX_DEPTH) return;
  if (t === 'object') {
    // for...in over a parsed JSON object is its own keys, in Object.entries order, without the array.
    const record = value as Record<string, unknown>;
    for (const k in record) walkUndocumented(record[k], childPath(path, k), sink, depth + 1);
  } else if (t === 'array') {
    const items = value as unknown[];
    const n = Math.min(items.length, ARRAY_SAMPLE);
    const at = itemsPath(path);
    for (let i = 0; i < n; i++) walkUndocumented(items[i], at, sink, depth + 1);
  }
}

/** Hands an issue to the sink, rendered only when the sink still keeps issues like it. */
function report(sink: WalkSink, schema: string | null, kind: FindingKind, path: string, observedType: string, value: unknown, message: string | (() => string)): void {
  if (sink.full?.(kind, path)) return;
  sink.issue({ kind, path, schema, observedType, value: shortValue(value, lastKey(path)), message: typeof message === 'string' ? message : message() });
}

/**
 * Walks `value` alongside `schema`, reporting every field to the sink and every disagreement as an
 * issue. Undeclared properties are reported even when `additionalProperties` allows them: the
 * OpenAI spec leaves most objects open, so a validator alone would never see them.
 */
export function walk(
  views: SchemaViews,
  schema: JsonSchema,
  value: unknown,
  sink: WalkSink,
  path = '',
  parentName: string | null = null,
  depth = 0,
): void {
  const view = resolveFor(views, schema, value);
  const name = view.name ?? views.nameOf(schema) ?? parentName;
  const t = jsonType(value);
  const known = facts(view);
  sink.field(path, t, value, known.info);

  if (t === 'null') {
    const allowsAnything = !view.types && !view.enumValues;
    if (!view.nullable && !allowsAnything) report(sink, name, 'unexpected-null', path, t, value, () => `null where the spec allows only ${[...(view.types ?? ['an enum value'])].join(' | ')}`);
    return;
  }
  if (!typeAllowed(view, t)) {
    report(sink, name, 'type-mismatch', path, t, value, `${t} where the spec says ${[...(view.types ?? [])].join(' | ')}`);
    if (isRecord(value) || Array.isArray(value)) {
      if (depth < MAX_DEPTH) for (const [k, v] of Object.entries(value)) walkUndocumented(v, Array.isArray(value) ? itemsPath(path) : childPath(path, k), sink, depth + 1);
    }
    return;
  }
  if (view.enumValues && !isRecord(value) && !Array.isArray(value) && !view.enumValues.some((e) => e === value)) {
    report(sink, name, 'enum-drift', path, t, value, `value outside the enum (${view.enumValues.slice(0, 6).map((e) => JSON.stringify(e)).join(', ')}${view.enumValues.length > 6 ? ', …' : ''})`);
  }
  if (view.format) {
    const bad = checkFormat(view.format, value);
    if (bad) report(sink, name, 'format-mismatch', path, t, value, bad);
  }
  if (sink.constraints && view.constraints.length > 0) {
    for (const c of view.constraints) {
      const message = violation(c, value);
      if (message) report(sink, name, 'schema-violation', path, t, value, `${c.keyword}: ${message}`);
    }
  }
  if (depth > MAX_DEPTH) return;
  if (t === 'object') {
    // No declared properties and no map type (`{}`, `{type: object}`, FunctionParameters): the keys
    // are the user's (metadata, JSON schemas, tool arguments), so none of them is "undocumented".
    if (view.properties.size === 0 && !view.mapValues) return;
    const record = value as Record<string, unknown>;
    const kids = childrenOf(path);
    let declared = 0;
    for (const key in record) {
      const child = record[key];
      const at = childPathIn(kids, path, key);
      const prop = view.properties.get(key);
      if (prop !== undefined) {
        declared++;
        walk(views, prop, child, sink, at, name, depth + 1);
      } else if (view.mapValues) walk(views, view.mapValues, child, sink, childPathIn(kids, path, '*'), name, depth + 1);
      else {
        report(sink, name, 'undocumented-field', at, jsonType(child), child, () => `\`${key}\` is not declared by ${name ?? 'the schema'}`);
        walkUndocumented(child, at, sink, depth + 1);
      }
    }
    // Every declared property present (the usual case): nothing is absent, and only a required
    // name the schema does not declare could be missing.
    const all = declared === view.properties.size;
    if (sink.absent && !all) for (const key of view.properties.keys()) if (!Object.hasOwn(record, key)) sink.absent(childPathIn(kids, path, key));
    if (!all || known.requiredUndeclared) {
      for (const r of view.required) {
        if (!Object.hasOwn(record, r)) report(sink, name, 'missing-required', childPathIn(kids, path, r), 'undefined', undefined, () => `required \`${r}\` is missing`);
      }
    }
  } else if (t === 'array' && view.items) {
    const items = value as unknown[];
    const n = Math.min(items.length, ARRAY_SAMPLE);
    const at = itemsPath(path);
    for (let i = 0; i < n; i++) walk(views, view.items, items[i], sink, at, name, depth + 1);
  }
}
