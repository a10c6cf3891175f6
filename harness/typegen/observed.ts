import type { Finding } from '../core/finding.ts';
import type { FieldObservation, Report } from '../core/report.ts';
import { isRecord } from '../core/json.ts';
import type { Node } from './closure.ts';
import { pathTokens } from '../report/field-tree.ts';
import { editAt, objectLeaves } from './schema-walk.ts';

/**
 * Grafts reality onto the observed copy of the spec's schemas: undocumented fields become optional
 * properties (JSDoc `@undocumented` with counts), and documented fields widen where the recordings
 * contradict the spec (null where it is not nullable, another type, a new enum value, a required
 * field that was missing). Everything the spec allows stays allowed, so spec types fit the
 * observed ones.
 */

/** What was grafted, and what could not be placed (the spec has no such parent path). */
export interface GraftResult {
  undocumented: number;
  widened: number;
  optional: number;
  unplaced: string[];
}

const safe = (text: string): string => text.replace(/\*\//g, '*\\/');

const JSON_TYPE: Record<string, Node> = {
  string: { type: 'string' },
  number: { type: 'number' },
  integer: { type: 'integer' },
  boolean: { type: 'boolean' },
  null: { type: 'null' },
  // Undocumented objects keep an index signature: only the paths seen are typed precisely.
  object: { type: 'object', properties: {}, additionalProperties: true },
  array: { type: 'array', items: {} },
};

/** Schema for an undocumented field from the JSON types seen at its path. */
export function schemaForTypes(types: Record<string, number>, description: string): Node {
  const members = Object.keys(types)
    .sort()
    .map((t) => structuredClone(JSON_TYPE[t] ?? {}));
  const schema: Node = members.length === 1 ? { ...members[0] } : { anyOf: members };
  schema['description'] = description;
  return schema;
}

function undocumentedNote(field: FieldObservation, samples: number): string {
  const seen = Object.entries(field.types).map(([t, n]) => `${t} ${n}`).join(', ');
  const example = field.examples[0] !== undefined ? ` Example: ${field.examples[0].slice(0, 60)}.` : '';
  return safe(`@undocumented Seen in ${field.count} of ${samples} payloads (${seen}); models: ${field.models.join(', ') || '-'}.${example}`);
}

/** The JSON types a grafted schema accepts. */
function graftedTypes(node: Node): string[] {
  const members = Array.isArray(node['anyOf']) ? (node['anyOf'] as Node[]) : [node];
  return members.map((m) => String(m['type'] ?? ''));
}

/**
 * Adds JSON types seen by another group to a grafted schema, in place (other grafts may already
 * hang below it): a single-type schema becomes an `anyOf` whose first member keeps its children.
 */
export function mergeTypes(node: Node, types: Record<string, number>): void {
  const have = graftedTypes(node);
  const missing = Object.keys(types).filter((t) => !have.includes(t) && !(t === 'integer' && have.includes('number')) && JSON_TYPE[t]);
  if (missing.length === 0) return;
  const description = node['description'];
  const members: Node[] = Array.isArray(node['anyOf']) ? (node['anyOf'] as Node[]) : [{ ...node }];
  if (!Array.isArray(node['anyOf'])) delete members[0]!['description'];
  for (const t of missing.sort()) members.push(structuredClone(JSON_TYPE[t]!));
  for (const key of Object.keys(node)) delete node[key];
  node['anyOf'] = members;
  if (description !== undefined) node['description'] = description;
}

const emptySchema = (value: unknown): boolean => isRecord(value) && Object.keys(value).length === 0;
const wrapped = new WeakSet<Node>();
/** Schemas grafted for undocumented fields: a second group reaching the same def finds them placed. */
const grafted = new WeakSet<Node>();

/** `old` or `extra`: extends an earlier widening instead of nesting another anyOf. */
function widen(old: unknown, extra: Node, note: string): Node {
  if (isRecord(old) && wrapped.has(old)) {
    const members = old['anyOf'] as unknown[];
    if (!members.some((m) => JSON.stringify(m) === JSON.stringify(extra))) members.push(extra);
    return old;
  }
  const described = isRecord(old) && typeof old['description'] === 'string' ? `${old['description']}\n\n` : '';
  const node: Node = { anyOf: [old, extra], description: safe(`${described}${note}`) };
  if (isRecord(old) && old['deprecated'] === true) node['deprecated'] = true;
  wrapped.add(node);
  return node;
}

/** Grafts one report onto `defs` (the observed copy); `rootFor` maps a spec schema name to its def. */
export function graftReport(report: Report, defs: Record<string, Node>, rootFor: (schema: string) => string | null): GraftResult {
  const result: GraftResult = { undocumented: 0, widened: 0, optional: 0, unplaced: [] };
  const root = (schema: string | null): Node | null => {
    const name = schema === null ? null : rootFor(schema);
    return name !== null && name in defs ? { $ref: `#/$defs/${name}` } : null;
  };
  const widenAt = (schema: string | null, path: string, extra: Node, note: string): void => {
    const start = root(schema);
    const toks = pathTokens(path);
    if (!start || toks.length === 0) return;
    const edits = editAt(start, toks, defs, (leaf, key, container) => {
      if (container === 'items') return ((leaf['items'] = widen(leaf['items'], extra, note)), true);
      const props = leaf['properties'];
      if (!isRecord(props) || !(key in props)) return false;
      props[key] = widen(props[key], extra, note);
      return true;
    });
    if (edits > 0) result.widened++;
    else result.unplaced.push(`${schema}: ${path} (widen)`);
  };

  // Widen first: an undocumented field below a documented one whose type was widened (an array
  // where the spec says string) is grafted into the widened branch.
  for (const group of report.observations) {
    for (const field of group.fields) {
      if (field.documented && (field.types['null'] ?? 0) > 0 && field.specNullable === false) {
        widenAt(group.schema, field.path, { type: 'null' }, `@observed null in ${field.types['null']} payloads; the spec does not allow null.`);
      }
      const spec = field.documented ? (field.specTypes ?? []) : [];
      for (const t of Object.keys(field.types)) {
        const allowed = spec.includes(t) || (t === 'integer' && spec.includes('number')) || t === 'null';
        if (spec.length > 0 && !allowed && JSON_TYPE[t]) {
          widenAt(group.schema, field.path, structuredClone(JSON_TYPE[t]!), `@observed ${t} in ${field.types[t]} payloads; the spec says ${spec.join(' | ')}.`);
        }
      }
    }
  }


  // A finding names the nearest component schema, but its path starts at the payload root, so
  // it is applied to the groups of its operation (body or stream) that observed that path.
  const groupsFor = (f: Finding, path: string) =>
    report.observations.filter(
      (g) => g.operation === f.operation && (f.event === null) === (g.event === null) && g.fields.some((x) => x.path === path),
    );
  for (const f of report.findings) {
    if (f.kind === 'unexpected-null') {
      for (const g of groupsFor(f, f.path)) widenAt(g.schema, f.path, { type: 'null' }, '@observed null; the spec does not allow null.');
    }
    if (f.kind === 'type-mismatch' && f.observedType && JSON_TYPE[f.observedType]) {
      const extra = JSON_TYPE[f.observedType]!;
      for (const g of groupsFor(f, f.path)) widenAt(g.schema, f.path, structuredClone(extra), safe(`@observed ${f.observedType}; the spec says otherwise.`));
    }
    if (f.kind === 'enum-drift' && f.value !== undefined) {
      let value: unknown;
      try {
        value = JSON.parse(f.value);
      } catch {
        continue; // a truncated rendering: nothing exact to add
      }
      for (const g of groupsFor(f, f.path)) widenAt(g.schema, f.path, { const: value }, safe(`@observed value ${f.value} is not in the spec's enum.`));
    }
    if (f.kind === 'missing-required') {
      const toks = pathTokens(f.path);
      const parent = f.path.slice(0, Math.max(0, f.path.length - (toks[toks.length - 1]?.length ?? 0) - 1));
      for (const g of groupsFor(f, parent)) {
        const start = root(g.schema);
        if (!start || toks.length === 0) continue;
        const edits = editAt(start, toks, defs, (leaf, key, container) => {
          const required = leaf['required'];
          if (container !== 'properties' || !Array.isArray(required) || !required.includes(key)) return false;
          leaf['required'] = required.filter((r) => r !== key);
          return true;
        });
        if (edits > 0) result.optional++;
      }
    }
  }
  for (const group of report.observations) {
    const start = root(group.schema);
    if (!start) continue;
    const undocumented = group.fields.filter((f) => !f.documented && f.path !== '');
    undocumented.sort((a, b) => pathTokens(a.path).length - pathTokens(b.path).length || a.path.localeCompare(b.path));
    for (const field of undocumented) {
      const schema = schemaForTypes(field.types, undocumentedNote(field, group.samples));
      const edits = editAt(start, pathTokens(field.path), defs, (leaf, key, container) => {
        if (container === 'items') return emptySchema(leaf['items']) ? ((leaf['items'] = schema), true) : false;
        if (!objectLeaves(leaf, defs).includes(leaf)) return false;
        const props = (leaf['properties'] ??= {}) as Node;
        if (key in props) {
          // Another group reached the same component first: the field is placed, add its types.
          const existing = props[key];
          if (!isRecord(existing) || !grafted.has(existing)) return false;
          mergeTypes(existing, field.types);
          return true;
        }
        props[key] = schema;
        grafted.add(schema);
        return true;
      });
      if (edits > 0) result.undocumented++;
      else result.unplaced.push(`${group.key}: ${field.path}`);
    }
  }

  return result;
}
