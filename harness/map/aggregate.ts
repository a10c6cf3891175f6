import type { Finding, FindingKind } from '../core/finding.ts';
import type { RateLimitObservation, StreamSummary } from '../core/report.ts';

/**
 * The partial result of analysing some files. Built per file by a pure function, merged with
 * `mergeInto`; everything here is bounded (examples, distinct values and stored findings are
 * capped; counts are exact) and structured-clone friendly (Maps, Sets, plain objects), so a
 * worker pool can produce partials and the main thread merge them.
 */

/** Findings stored per (kind, operation, path) group; every finding is still counted. */
export const FINDINGS_CAP = 5;
/** Example values kept per field path. */
export const EXAMPLES_CAP = 3;
/** Distinct models/providers kept per field path. */
export const DISTINCT_CAP = 50;
/** Rate-limit observations kept per (operation, provider, resource); inconsistent ones up to 200. */
export const RATE_LIMITS_CAP = 10;
/** Distinct field paths kept per group (dynamic keys in undocumented objects cannot grow it without bound). */
export const FIELDS_CAP = 5000;
/** Stream summaries kept (the first ones by file order). */
export const STREAMS_CAP = 2000;

/**
 * Raw values of a field already rendered into its `examples`, so a value seen again is not
 * rendered again (`"object": "chat.completion"` would be, on every payload, while the field has
 * fewer than EXAMPLES_CAP distinct examples). A cache only: a symbol key, so structured cloning
 * and the report leave it out.
 */
export const SEEN_RAW: unique symbol = Symbol('seenRaw');

/**
 * The model and provider last added to a field: consecutive payloads mostly share both, and a
 * set add per field per payload was the walk's most frequent operation. Caches, like SEEN_RAW.
 */
export const LAST_MODEL: unique symbol = Symbol('lastModel');
export const LAST_PROVIDER: unique symbol = Symbol('lastProvider');

export interface FieldAgg {
  [SEEN_RAW]?: unknown[];
  [LAST_MODEL]?: string | undefined;
  [LAST_PROVIDER]?: string | undefined;
  count: number;
  /**
   * [observed JSON type, count] in first-seen order: a field has one or two types, and a short
   * scan comparing constant strings beats any keyed lookup on the hottest line of the walk.
   */
  types: Array<[string, number]>;
  examples: string[];
  models: Set<string>;
  providers: Set<string>;
  documented: boolean;
  description: string | null;
  specTypes: string[] | null;
  specNullable: boolean;
}

export interface GroupAgg {
  key: string;
  operation: string;
  event: string | null;
  schema: string | null;
  /** JSON pointer of the schema the group was walked against (for the coverage closure). */
  pointer: string | null;
  samples: number;
  models: Set<string>;
  /** provider -> samples. */
  providers: Map<string, number>;
  fields: Map<string, FieldAgg>;
  /** Declared-but-absent paths (in the branch the walker chose) -> providers whose payloads lacked them. */
  absent: Map<string, Set<string>>;
}

export interface FindingGroupAgg {
  kind: FindingKind;
  operation: string | null;
  path: string;
  count: number;
  stored: Finding[];
}

export interface HeaderAgg {
  count: number;
  examples: string[];
  documented: boolean;
}

export interface Aggregate {
  files: number;
  exchanges: number;
  events: number;
  errors: number;
  groups: Map<string, GroupAgg>;
  findings: Map<string, FindingGroupAgg>;
  /** operation -> header name -> aggregate. */
  headers: Map<string, Map<string, HeaderAgg>>;
  rateLimits: RateLimitObservation[];
  /** `${operation}\t${provider}\t${resource}` -> observations seen (stored or not). */
  rateLimitKeys: Map<string, number>;
  streams: StreamSummary[];
}

export function emptyAggregate(): Aggregate {
  return {
    files: 0, exchanges: 0, events: 0, errors: 0,
    groups: new Map(), findings: new Map(), headers: new Map(),
    rateLimits: [], rateLimitKeys: new Map(), streams: [],
  };
}

function addCapped<T>(set: Set<T>, value: T): void {
  if (set.size < DISTINCT_CAP) set.add(value);
}

export function addRateLimit(agg: Aggregate, obs: RateLimitObservation): void {
  const key = `${obs.operation}\t${obs.provider}\t${obs.resource}`;
  const n = agg.rateLimitKeys.get(key) ?? 0;
  agg.rateLimitKeys.set(key, n + 1);
  if (n < RATE_LIMITS_CAP || (!obs.consistent && agg.rateLimits.length < 10 * STREAMS_CAP)) agg.rateLimits.push(obs);
}

/** Adds `n` to the count of `type` in a field's type list. */
export function countType(types: Array<[string, number]>, type: string, n = 1): void {
  for (let i = 0; i < types.length; i++) {
    const pair = types[i]!;
    if (pair[0] === type) {
      pair[1] += n;
      return;
    }
  }
  types.push([type, n]);
}

function mergeField(a: FieldAgg, b: FieldAgg): void {
  a.count += b.count;
  for (const [t, n] of b.types) countType(a.types, t, n);
  for (const e of b.examples) if (a.examples.length < EXAMPLES_CAP && !a.examples.includes(e)) a.examples.push(e);
  for (const m of b.models) addCapped(a.models, m);
  for (const p of b.providers) addCapped(a.providers, p);
  // A path is documented if any walk found it declared (unions can declare it in one branch only).
  if (b.documented && !a.documented) {
    a.documented = true;
    a.description = b.description;
    a.specTypes = b.specTypes;
    a.specNullable = b.specNullable;
  }
}

/** Merges `from` into `into` (mutating `into`); `from` must not be used afterwards. */
export function mergeInto(into: Aggregate, from: Aggregate): Aggregate {
  into.files += from.files;
  into.exchanges += from.exchanges;
  into.events += from.events;
  into.errors += from.errors;
  for (const [key, g] of from.groups) {
    const a = into.groups.get(key);
    if (!a) {
      into.groups.set(key, g);
      continue;
    }
    a.samples += g.samples;
    a.schema ??= g.schema;
    a.pointer ??= g.pointer;
    for (const m of g.models) addCapped(a.models, m);
    for (const [p, n] of g.providers) a.providers.set(p, (a.providers.get(p) ?? 0) + n);
    for (const [path, ps] of g.absent) {
      if (!a.absent.has(path) && a.absent.size >= FIELDS_CAP) continue;
      const aa = a.absent.get(path) ?? new Set<string>();
      a.absent.set(path, aa);
      for (const p of ps) addCapped(aa, p);
    }
    for (const [path, f] of g.fields) {
      const af = a.fields.get(path);
      if (af) mergeField(af, f);
      else if (a.fields.size < FIELDS_CAP) a.fields.set(path, f);
    }
  }
  for (const [key, g] of from.findings) {
    const a = into.findings.get(key);
    if (!a) into.findings.set(key, g);
    else {
      a.count += g.count;
      for (const f of g.stored) if (a.stored.length < FINDINGS_CAP) a.stored.push(f);
    }
  }
  for (const [op, hs] of from.headers) {
    const a = into.headers.get(op) ?? new Map<string, HeaderAgg>();
    into.headers.set(op, a);
    for (const [name, h] of hs) {
      const ah = a.get(name);
      if (!ah) a.set(name, h);
      else {
        ah.count += h.count;
        ah.documented ||= h.documented;
        for (const e of h.examples) if (ah.examples.length < EXAMPLES_CAP && !ah.examples.includes(e)) ah.examples.push(e);
      }
    }
  }
  // `from` stored the first observations of each key; stored here by the same rule, then the
  // counts become the totals seen, as if every observation had been added here in order.
  const seen = new Map(into.rateLimitKeys);
  for (const obs of from.rateLimits) addRateLimit(into, obs);
  for (const [key, n] of from.rateLimitKeys) into.rateLimitKeys.set(key, (seen.get(key) ?? 0) + n);
  for (const s of from.streams) if (into.streams.length < STREAMS_CAP) into.streams.push(s);
  return into;
}
