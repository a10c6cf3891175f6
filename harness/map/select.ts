import type { JsonSchema } from '../spec/types.ts';
import { mergeViews, type SchemaView, type SchemaViews } from './schema-view.ts';
import { isRecord } from '../core/json.ts';

/** JSON type of a value the way findings name it (integers are told apart from numbers). */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value; // string, boolean, object
}

/** Whether a view's declared types accept an observed (non-null) type. */
export function typeAllowed(view: SchemaView, observed: string): boolean {
  if (!view.types || view.types.size === 0) return true;
  if (view.types.has(observed)) return true;
  return observed === 'integer' && view.types.has('number');
}

function enumHas(values: unknown[], value: unknown): boolean {
  return values.some((v) => v === value);
}

const MAX_DEPTH = 12;

/** How well a resolved branch fits a value; higher is better. Deliberately simple and explainable. */
function score(views: SchemaViews, view: SchemaView, value: unknown): number {
  const t = jsonType(value);
  let s = 0;
  if (t === 'null') s += view.nullable ? 100 : -100;
  else s += typeAllowed(view, t) ? 100 : -100;
  if (view.enumValues) s += enumHas(view.enumValues, value) ? 50 : -50;
  if (isRecord(value)) {
    for (const [key, v] of Object.entries(value)) {
      const prop = view.properties.get(key);
      if (prop === undefined) {
        s -= 1;
        continue;
      }
      s += 2;
      const pv = views.view(prop);
      if (pv.enumValues && (typeof v === 'string' || typeof v === 'number')) s += enumHas(pv.enumValues, v) ? 10 : -20;
    }
    for (const r of view.required) if (!(r in value)) s -= 5;
  } else if (Array.isArray(value) && view.items && value.length > 0) {
    const iv = views.view(view.items);
    s += typeAllowed(iv, jsonType(value[0])) ? 5 : -5;
  }
  return s;
}

const COMPONENTS = '#/components/schemas/';

/** The `$ref` a discriminator mapping value stands for: a pointer as is, a bare name as a component. */
function mappedRef(target: string): string {
  return target.includes('#') || target.includes('/') ? target : componentRef(target);
}

/** `#/components/schemas/<name>` with the name escaped as a pointer segment. */
function componentRef(name: string): string {
  return COMPONENTS + name.replace(/~/g, '~0').replace(/\//g, '~1');
}

function refOf(branch: JsonSchema): string | null {
  return isRecord(branch) && typeof branch['$ref'] === 'string' ? branch['$ref'] : null;
}

/** The branch an explicit `mapping` entry points at: same `$ref`, else the same schema once resolved. */
function byMapping(views: SchemaViews, branches: JsonSchema[], target: string): JsonSchema | null {
  const ref = mappedRef(target);
  for (const b of branches) if (refOf(b) === ref) return b;
  const wanted = views.deref({ $ref: ref }).schema;
  if (!isRecord(wanted)) return null; // unresolvable target: let the other rules decide
  for (const b of branches) if (views.deref(b).schema === wanted) return b;
  return null;
}

/**
 * The branch named by a discriminator, in the OpenAPI order: the explicit `mapping` (value -> branch),
 * then a branch whose discriminator property has an enum/const holding the value, then (only for a
 * declared discriminator, `implicit`) the `$ref` branch whose component name is the value itself.
 * A mapping whose target is not one of the branches is ignored rather than trusted.
 */
function byDiscriminator(
  views: SchemaViews,
  branches: JsonSchema[],
  prop: string,
  value: Record<string, unknown>,
  mapping: ReadonlyMap<string, string> | null = null,
  implicit = false,
): JsonSchema | null {
  const want = value[prop];
  if (typeof want !== 'string') return null;
  const target = mapping?.get(want);
  if (target !== undefined) {
    const hit = byMapping(views, branches, target);
    if (hit) return hit;
  }
  for (const b of branches) {
    const bv = views.view(b);
    const p = bv.properties.get(prop);
    if (p === undefined) continue;
    const pv = views.view(p);
    if (pv.enumValues && enumHas(pv.enumValues, want)) return b;
  }
  if (implicit) {
    const ref = componentRef(want);
    for (const b of branches) if (refOf(b) === ref) return b;
  }
  return null;
}

function stripVariants(view: SchemaView): SchemaView {
  return { ...view, variants: [] };
}

/**
 * Resolves a schema against a value: static view plus, for each `anyOf`/`oneOf`, the branch picked
 * by discriminator, then by a `type` constant, else by best structural match. Returns a view with
 * no variants left.
 */
const merged = new WeakMap<SchemaView, Map<string, SchemaView>>();

export function resolveFor(views: SchemaViews, schema: JsonSchema, value: unknown, depth = 0): SchemaView {
  const base = views.view(schema);
  if (base.variants.length === 0 || depth > MAX_DEPTH) return base.variants.length === 0 ? base : stripVariants(base);
  const picks: SchemaView[] = [];
  for (const branches of base.variants) {
    let chosen: JsonSchema | null = null;
    if (isRecord(value)) {
      if (base.discriminator) chosen = byDiscriminator(views, branches, base.discriminator, value, base.discriminatorMapping, true);
      if (!chosen) chosen = byDiscriminator(views, branches, 'type', value);
    }
    let best: SchemaView | null = null;
    if (chosen) best = resolveFor(views, chosen, value, depth + 1);
    else {
      let bestScore = -Infinity;
      for (const b of branches) {
        const r = resolveFor(views, b, value, depth + 1);
        const sc = score(views, r, value);
        if (sc > bestScore) {
          bestScore = sc;
          best = r;
        }
      }
    }
    if (best) picks.push(best);
  }
  // One branch picked (the usual case): cached by the branch's view, no key to build.
  if (picks.length === 1) {
    let byPick = mergedOne.get(base);
    if (!byPick) mergedOne.set(base, (byPick = new WeakMap()));
    let hit = byPick.get(picks[0]!);
    if (!hit) byPick.set(picks[0]!, (hit = mergeBranches(base, picks)));
    return hit;
  }
  // The merge of a base with the same picked branches is the same view: build it once.
  let cache = merged.get(base);
  if (!cache) {
    cache = new Map();
    merged.set(base, cache);
  }
  const key = picks.map((p) => ids.get(p) ?? assignId(p)).join(',');
  const hit = cache.get(key);
  if (hit) return hit;
  const out = mergeBranches(base, picks);
  if (cache.size < 1000) cache.set(key, out);
  return out;
}

const mergedOne = new WeakMap<SchemaView, WeakMap<SchemaView, SchemaView>>();

/** The base view with the picked branch views merged in. */
function mergeBranches(base: SchemaView, picks: readonly SchemaView[]): SchemaView {
  let out = stripVariants(base);
  for (const best of picks) {
    const nullable = out.nullable || best.nullable;
    out = mergeViews(out, best);
    out.nullable = nullable;
    // The union's own description names the field; the branch's name is the more specific schema.
    out.description = base.description ?? best.description;
    out.name = best.name ?? base.name;
  }
  return out;
}

const ids = new WeakMap<SchemaView, number>();
let nextId = 0;
function assignId(view: SchemaView): number {
  const id = nextId++;
  ids.set(view, id);
  return id;
}
