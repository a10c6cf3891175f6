import { componentName } from '../spec/pointer.ts';
import type { JsonSchema } from '../spec/types.ts';
import { isRecord } from '../core/json.ts';
import { constraintsOf, type Constraint } from './constraints.ts';

/** Follows `#/components/schemas/X` (and any other local pointer) in the spec document. */
export type RefResolver = (ref: string) => JsonSchema | undefined;

/**
 * A schema flattened for walking: `$ref` followed, `allOf` merged, type arrays, `null` enum values
 * and `null` union branches folded into `types` + `nullable` (the spec layer's normaliser has
 * already rewritten 3.0 `nullable: true` into those). `anyOf`/`oneOf` stay as variant groups, because the
 * branch depends on the value being walked (see `select`).
 */
export interface SchemaView {
  /** Component name of the last `$ref` followed, or of an enclosing named schema. */
  name: string | null;
  /** Allowed JSON types without null; null means unconstrained. */
  types: Set<string> | null;
  nullable: boolean;
  properties: Map<string, JsonSchema>;
  required: Set<string>;
  /** `additionalProperties` / `patternProperties` value schema when it is a schema (a map type). */
  mapValues: JsonSchema | null;
  items: JsonSchema | null;
  enumValues: unknown[] | null;
  format: string | null;
  description: string | null;
  discriminator: string | null;
  /** The discriminator's `mapping` (value -> `$ref` or component name of the branch), when given. */
  discriminatorMapping: ReadonlyMap<string, string> | null;
  /** Each entry is one `anyOf`/`oneOf` list still to be resolved against the value. */
  variants: JsonSchema[][];
  /** True when the schema says nothing about the shape (`{}` or `true`): no undocumented fields. */
  freeForm: boolean;
  /** Value constraints (`minimum`, `pattern`, ...) of the schema and its `allOf` parts. */
  constraints: readonly Constraint[];
}

const NO_CONSTRAINTS: readonly Constraint[] = Object.freeze([]);

function emptyView(name: string | null): SchemaView {
  return {
    name,
    types: null,
    nullable: false,
    properties: new Map(),
    required: new Set(),
    mapValues: null,
    items: null,
    enumValues: null,
    format: null,
    description: null,
    discriminator: null,
    discriminatorMapping: null,
    variants: [],
    freeForm: true,
    constraints: NO_CONSTRAINTS,
  };
}

/** True for `{type: 'null'}` (or `enum: [null]`) branches, which only make a union nullable. */
function isNullOnly(schema: JsonSchema): boolean {
  if (!isRecord(schema)) return false;
  if (schema['type'] === 'null') return true;
  const e = schema['enum'];
  return Array.isArray(e) && e.length === 1 && e[0] === null;
}

function intersectTypes(a: Set<string> | null, b: Set<string> | null): Set<string> | null {
  if (!a) return b;
  if (!b) return a;
  const out = new Set<string>();
  for (const t of a) if (b.has(t) || (t === 'integer' && b.has('number'))) out.add(t);
  for (const t of b) if (t === 'integer' && a.has('number')) out.add(t);
  return out.size > 0 ? out : a;
}

/** Merges `b` into `a` (allOf semantics, lenient: properties union, types intersected). */
export function mergeViews(a: SchemaView, b: SchemaView): SchemaView {
  const out: SchemaView = {
    name: a.name ?? b.name,
    types: intersectTypes(a.types, b.types),
    // Lenient on purpose: one part that takes null (a nullable `$ref` beside description-only
    // parts, which say nothing about null) makes the whole nullable.
    nullable: a.nullable || b.nullable,
    properties: new Map([...a.properties, ...b.properties]),
    required: new Set([...a.required, ...b.required]),
    mapValues: a.mapValues ?? b.mapValues,
    items: a.items ?? b.items,
    enumValues: a.enumValues ?? b.enumValues,
    format: a.format ?? b.format,
    description: a.description ?? b.description,
    discriminator: a.discriminator ?? b.discriminator,
    discriminatorMapping: a.discriminator ? a.discriminatorMapping : b.discriminatorMapping,
    variants: [...a.variants, ...b.variants],
    freeForm: a.freeForm && b.freeForm,
    constraints: b.constraints.length === 0 ? a.constraints : a.constraints.length === 0 ? b.constraints : [...a.constraints, ...b.constraints],
  };
  return out;
}

/**
 * Builds and caches the static view of schemas. One instance per spec document; the cache is keyed
 * by schema object identity so repeated walks over thousands of payloads cost a map lookup.
 */
export class SchemaViews {
  private readonly cache = new WeakMap<object, SchemaView>();
  private readonly refNames = new WeakMap<object, string>();
  /** `$ref` string -> target, so a ref is looked up in the document once per run. */
  private readonly refs = new Map<string, JsonSchema | undefined>();
  /** Finished views by the schema object asked for (before `$ref` is followed): one lookup per walk step. */
  private readonly byInput = new WeakMap<object, SchemaView>();
  /** Component names by the schema object asked for (see `nameOf`). */
  private readonly names = new WeakMap<object, string | null>();

  /**
   * `components` (the spec's `components.schemas`) names every component up front, so the schema
   * name on a finding never depends on whether a schema was first reached through a `$ref`.
   */
  constructor(
    readonly resolveRef: RefResolver,
    components: Record<string, unknown> = {},
  ) {
    for (const [name, schema] of Object.entries(components)) if (isRecord(schema)) this.refNames.set(schema, name);
  }

  /** Follows `$ref` chains; returns the target and its component name. */
  deref(schema: JsonSchema, depth = 0): { schema: JsonSchema; name: string | null } {
    if (!isRecord(schema) || typeof schema['$ref'] !== 'string' || depth > 20) {
      return { schema, name: isRecord(schema) ? (this.refNames.get(schema) ?? null) : null };
    }
    const ref = schema['$ref'];
    let target = this.refs.get(ref);
    if (target === undefined && !this.refs.has(ref)) {
      target = this.resolveRef(ref);
      this.refs.set(ref, target);
    }
    if (target === undefined) return { schema: true, name: null };
    const name = componentName(ref);
    if (name && isRecord(target)) this.refNames.set(target, name);
    const inner = this.deref(target, depth + 1);
    return { schema: inner.schema, name: inner.name ?? name };
  }

  /** `deref(schema).name`, memoised per schema object (the walker asks for it at every step). */
  nameOf(schema: JsonSchema): string | null {
    if (!isRecord(schema)) return this.deref(schema).name;
    let name = this.names.get(schema);
    if (name === undefined) {
      name = this.deref(schema).name;
      this.names.set(schema, name);
    }
    return name;
  }

  /** The static view of a schema (everything except choosing anyOf/oneOf branches). */
  view(input: JsonSchema, depth = 0): SchemaView {
    // Only a top-level call is memoised: inside an allOf cycle a nested call may see a provisional view.
    if (depth > 0 || !isRecord(input)) return this.build(input, depth);
    let v = this.byInput.get(input);
    if (!v) {
      v = this.build(input, depth);
      this.byInput.set(input, v);
    }
    return v;
  }

  private build(input: JsonSchema, depth: number): SchemaView {
    const { schema, name } = this.deref(input);
    if (!isRecord(schema)) return emptyView(name);
    const cached = this.cache.get(schema);
    if (cached) return cached;
    const v = emptyView(name);
    this.cache.set(schema, v); // provisional entry guards against allOf cycles
    const type = schema['type'];
    if (typeof type === 'string' || Array.isArray(type)) {
      const list = (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
      if (list.includes('null')) v.nullable = true;
      const nonNull = list.filter((t) => t !== 'null');
      v.types = new Set(nonNull);
      v.freeForm = false;
    }
    if (isRecord(schema['properties'])) {
      for (const [k, s] of Object.entries(schema['properties'])) v.properties.set(k, s as JsonSchema);
      v.freeForm = false;
    }
    if (Array.isArray(schema['required'])) for (const r of schema['required']) if (typeof r === 'string') v.required.add(r);
    const ap = schema['additionalProperties'];
    if (isRecord(ap) && Object.keys(ap).length > 0) v.mapValues = ap as JsonSchema;
    else if (isRecord(schema['patternProperties'])) {
      const first = Object.values(schema['patternProperties'])[0];
      if (first !== undefined) v.mapValues = first as JsonSchema;
    }
    if (v.mapValues) v.freeForm = false;
    if (schema['items'] !== undefined && !Array.isArray(schema['items'])) v.items = schema['items'] as JsonSchema;
    if (Array.isArray(schema['enum'])) {
      v.enumValues = schema['enum'];
      if (schema['enum'].includes(null)) v.nullable = true;
      v.freeForm = false;
    }
    if ('const' in schema) {
      v.enumValues = [schema['const']];
      v.freeForm = false;
    }
    if (typeof schema['format'] === 'string') v.format = schema['format'];
    const constraints = constraintsOf(schema);
    if (constraints.length > 0) v.constraints = constraints;
    if (typeof schema['description'] === 'string') v.description = schema['description'];
    if (isRecord(schema['discriminator']) && typeof schema['discriminator']['propertyName'] === 'string') {
      v.discriminator = schema['discriminator']['propertyName'];
      const mapping = schema['discriminator']['mapping'];
      if (isRecord(mapping)) {
        const entries = Object.entries(mapping).filter((e): e is [string, string] => typeof e[1] === 'string');
        if (entries.length > 0) v.discriminatorMapping = new Map(entries);
      }
    }
    for (const key of ['anyOf', 'oneOf'] as const) {
      const list = schema[key];
      if (!Array.isArray(list)) continue;
      const branches = (list as JsonSchema[]).filter((b) => !isNullOnly(b));
      if (branches.length < list.length) v.nullable = true;
      if (branches.length > 0) v.variants.push(branches);
      v.freeForm = false;
    }
    let merged = v;
    if (Array.isArray(schema['allOf']) && depth < 30) {
      const named: string[] = [];
      for (const part of schema['allOf'] as JsonSchema[]) {
        const pv = this.view(part, depth + 1);
        if (pv.name) named.push(pv.name);
        merged = mergeViews(merged, pv);
      }
      // A schema composed of several named parts is not any one of them; a lone `allOf: [$ref]`
      // wrapper (there to add a description) is.
      merged.name = v.name ?? (named.length === 1 ? (named[0] ?? null) : null);
    }
    this.cache.set(schema, merged);
    return merged;
  }
}
