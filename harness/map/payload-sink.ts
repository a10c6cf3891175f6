import type { FindingKind } from '../core/finding.ts';
import { countIfFull } from './findings.ts';
import { countType, DISTINCT_CAP, EXAMPLES_CAP, FIELDS_CAP, LAST_MODEL, LAST_PROVIDER, SEEN_RAW, type Aggregate, type GroupAgg } from './aggregate.ts';
import { finding, type Where } from './observe.ts';
import { shortValue } from './values.ts';
import type { FieldInfo, WalkIssue, WalkSink } from './walk.ts';

/**
 * Raw values remembered per field (see `SEEN_RAW`), and the longest string remembered. A field
 * with three distinct examples stops rendering anyway; this is for fields that repeat one or two
 * values, so a few short ones suffice, and 20,000 fields of them stay a few MB.
 */
const SEEN_RAW_CAP = 4;
const SEEN_RAW_CHARS = 64;

/**
 * Where the walk of one payload lands: field observations in its group, issues as findings. A
 * class rather than an object of closures, so a payload costs one small object, not four
 * functions (this runs for every body and every stream event).
 */
export class PayloadSink implements WalkSink {
  constructor(
    private readonly agg: Aggregate,
    private readonly g: GroupAgg,
    private readonly w: Where,
    readonly constraints: boolean,
  ) {}

  field(path: string, type: string, v: unknown, info: FieldInfo): void {
    const g = this.g;
    let f = g.fields.get(path);
    if (!f) {
      if (g.fields.size >= FIELDS_CAP) return;
      // Every field gets the same shape, caches included: fields added to one by one would make the
      // property accesses below polymorphic, which cost more than all the work they guard.
      f = {
        count: 0, types: [], examples: [], models: new Set(), providers: new Set(),
        documented: info.documented, description: info.description, specTypes: info.specTypes, specNullable: info.specNullable,
        [SEEN_RAW]: [], [LAST_MODEL]: undefined, [LAST_PROVIDER]: undefined,
      };
      g.fields.set(path, f);
    } else if (info.documented && !f.documented) Object.assign(f, info);
    f.count++;
    countType(f.types, type);
    if (f.examples.length < EXAMPLES_CAP && type !== 'object' && type !== 'array') {
      const seen = (f[SEEN_RAW] ??= []); // defensive: a field merged in from a worker has no caches
      if (!seen.includes(v)) {
        if (seen.length < SEEN_RAW_CAP && (typeof v !== 'string' || v.length <= SEEN_RAW_CHARS)) seen.push(v);
        const ex = shortValue(v, path.slice(path.lastIndexOf('.') + 1));
        if (!f.examples.includes(ex)) f.examples.push(ex);
      }
    }
    // Skipped while they repeat the last ones added (canonical strings, so compared by identity).
    const model = this.w.model;
    if (model && f[LAST_MODEL] !== model) {
      f[LAST_MODEL] = model;
      if (f.models.size < DISTINCT_CAP) f.models.add(model);
    }
    const provider = this.w.ex.provider;
    if (f[LAST_PROVIDER] !== provider) {
      f[LAST_PROVIDER] = provider;
      if (f.providers.size < DISTINCT_CAP) f.providers.add(provider);
    }
  }

  absent(path: string): void {
    const g = this.g;
    let ps = g.absent.get(path);
    if (!ps) {
      if (g.absent.size >= FIELDS_CAP) return;
      ps = new Set();
      g.absent.set(path, ps);
    }
    if (ps.size < DISTINCT_CAP) ps.add(this.w.ex.provider);
  }

  issue(i: WalkIssue): void {
    finding(this.agg, this.w, i.kind, i.path, i.message, { schema: i.schema, observedType: i.observedType, value: i.value });
  }

  full(kind: FindingKind, path: string): boolean {
    return countIfFull(this.agg, kind, this.w.operation, path);
  }
}
