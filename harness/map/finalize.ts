import type { Finding, FindingKind } from '../core/finding.ts';
import { REPORT_VERSION, type CoverageGroup, type FieldObservation, type ObservationGroup, type Report } from '../core/report.ts';
import type { SpecIndex } from '../spec/types.ts';
import { FINDINGS_CAP, type Aggregate, type GroupAgg } from './aggregate.ts';
import { schemaClosure } from './closure.ts';
import type { SchemaViews } from './schema-view.ts';
import { conformance, modelSpecific } from './compare.ts';

const sorted = (s: Iterable<string>): string[] => [...s].sort();

function observationGroup(g: GroupAgg): ObservationGroup {
  const fields: FieldObservation[] = [...g.fields.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([path, f]) => {
      const o: FieldObservation = { path, count: f.count, types: Object.fromEntries(f.types), examples: f.examples, models: sorted(f.models), providers: sorted(f.providers), documented: f.documented };
      if (f.description) o.description = f.description;
      if (f.specTypes) o.specTypes = f.specTypes;
      if (f.documented) o.specNullable = f.specNullable;
      return o;
    });
  return { key: g.key, operation: g.operation, event: g.event, schema: g.schema, samples: g.samples, models: sorted(g.models), providers: sorted(g.providers.keys()), fields };
}

/** Documented paths per group, computed once per schema pointer. */
export function closures(spec: SpecIndex, views: SchemaViews, groups: Iterable<GroupAgg>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const g of groups) {
    if (!g.pointer || out.has(g.pointer)) continue;
    const schema = spec.resolveRef(g.pointer);
    out.set(g.pointer, schema === undefined ? [] : schemaClosure(views, schema));
  }
  return out;
}

function coverage(groups: GroupAgg[], closureOf: Map<string, string[]>): Report['coverage'] {
  const out: CoverageGroup[] = [];
  let documented = 0;
  let observed = 0;
  for (const g of groups) {
    const paths = g.pointer ? (closureOf.get(g.pointer) ?? []) : [];
    if (paths.length === 0) continue;
    const never = paths.filter((p) => !g.fields.has(p));
    const seen = paths.length - never.length;
    documented += paths.length;
    observed += seen;
    out.push({ key: g.key, operation: g.operation, event: g.event, schema: g.schema, documented: paths.length, observed: seen, ratio: round(seen / paths.length), neverObserved: never });
  }
  return { overall: { documented, observed, ratio: documented ? round(observed / documented) : 0 }, groups: out };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** Turns the merged aggregate into `reports/report.json` (see harness/core/report.ts). */
export function finalizeReport(agg: Aggregate, spec: SpecIndex, views: SchemaViews, inputs: string[], generatedAt = new Date().toISOString()): Report {
  const groups = [...agg.groups.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const closureOf = closures(spec, views, groups);
  const findingGroups = [...agg.findings.values()].sort((a, b) => b.count - a.count || (a.kind < b.kind ? -1 : 1));
  const findings: Finding[] = findingGroups.flatMap((g) => g.stored);
  const byKind: Partial<Record<FindingKind, number>> = {};
  let total = 0;
  for (const g of findingGroups) {
    byKind[g.kind] = (byKind[g.kind] ?? 0) + g.count;
    total += g.count;
  }
  const headers: Report['headers']['operations'] = {};
  for (const [op, hs] of [...agg.headers.entries()].sort()) {
    headers[op] = [...hs.entries()].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1)).map(([name, h]) => ({ name, count: h.count, examples: h.examples, documented: h.documented }));
  }
  return {
    version: REPORT_VERSION,
    generatedAt,
    spec: { path: spec.path, sha256: spec.sha256, openapi: spec.openapi },
    inputs,
    summary: { files: agg.files, exchanges: agg.exchanges, events: agg.events, errors: agg.errors, findings: total, byKind },
    findings,
    observations: groups.map(observationGroup),
    coverage: coverage(groups, closureOf),
    headers: { operations: headers, rateLimits: agg.rateLimits },
    streams: agg.streams,
    providers: conformance(groups),
    findingsCap: FINDINGS_CAP,
    findingGroups: findingGroups.map((g) => ({ kind: g.kind, operation: g.operation, path: g.path, count: g.count, stored: g.stored.length })),
    modelSpecific: modelSpecific(groups),
  };
}
