import type { Report } from '../core/report.ts';
import type { FieldAgg, GroupAgg } from './aggregate.ts';

/** Parent of a path in walker notation: `a.b[]` -> `a.b`, `a.b` -> `a`, `a` -> ``. */
export function parentPath(path: string): string {
  if (path.endsWith('[]')) return path.slice(0, -2);
  const dot = path.lastIndexOf('.');
  return dot < 0 ? '' : path.slice(0, dot);
}

/** Keeps only the top-most paths of a set (drops any path whose parent is also in it). */
function topMost(paths: Iterable<string>): string[] {
  const set = new Set(paths);
  return [...set].filter((p) => p !== '' && !set.has(parentPath(p))).sort();
}

const REFERENCE = 'openai';

/**
 * Provider conformance: per provider and group (operation or stream event type), the fields it
 * adds or omits relative to the spec and to real OpenAI traffic. "Omits" only counts fields whose
 * parent object the provider did send, so one absent object is one entry, not fifty.
 */
export function conformance(groups: GroupAgg[]): Report['providers'] {
  const out: Report['providers'] = [];
  for (const g of groups) {
    const seenBy = (p: string): Set<string> => {
      const s = new Set<string>(['']);
      for (const [path, f] of g.fields) if (f.providers.has(p)) s.add(path);
      return s;
    };
    const reference = g.providers.has(REFERENCE) ? seenBy(REFERENCE) : null;
    for (const [provider, exchanges] of [...g.providers.entries()].sort()) {
      const seen = seenBy(provider);
      const adds = [...g.fields.entries()].filter(([path, f]) => !f.documented && seen.has(path)).map(([path]) => path);
      // Declared by the branch the walker chose for this provider's payloads, yet never sent: union
      // schemas (Responses output items) do not count other branches' fields as omitted.
      const absent = new Set([...g.absent].filter(([, ps]) => ps.has(provider)).map(([path]) => path));
      const omits = [...absent].filter((p) => !seen.has(p));
      let addsVsOpenai: string[] = [];
      let omitsVsOpenai: string[] = [];
      if (reference && provider !== REFERENCE) {
        addsVsOpenai = topMost([...seen].filter((p) => !reference.has(p)));
        omitsVsOpenai = topMost(
          [...reference].filter((p) => !seen.has(p) && seen.has(parentPath(p)) && (absent.has(p) || g.fields.get(p)?.documented === false)),
        );
      }
      out.push({ provider, operation: g.key, exchanges, addsVsSpec: topMost(adds), omitsVsSpec: topMost(omits), addsVsOpenai, omitsVsOpenai });
    }
  }
  return out;
}

/** Fields seen for only some of the models of their group (top-most such paths only). */
export function modelSpecific(groups: GroupAgg[], cap = 1000): NonNullable<Report['modelSpecific']> {
  const out: NonNullable<Report['modelSpecific']> = [];
  for (const g of groups) {
    if (g.models.size < 2) continue;
    for (const [path, f] of g.fields) {
      if (f.models.size === 0 || f.models.size >= g.models.size) continue;
      const parent: FieldAgg | undefined = g.fields.get(parentPath(path));
      if (parent && parent.models.size === f.models.size && path !== '') continue;
      out.push({ key: g.key, path, models: [...f.models].sort(), groupModels: g.models.size });
      if (out.length >= cap) return out;
    }
  }
  return out;
}
