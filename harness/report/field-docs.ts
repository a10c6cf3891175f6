import type { CoverageGroup, FieldObservation, ObservationGroup, Report } from '../core/report.ts';
import { cell, code, percent, table, typeList } from './markdown.ts';

/** `POST /chat/completions` -> `post-chat-completions`; `{thread_id}` keeps its name. */
export function operationSlug(operation: string): string {
  return operation
    .toLowerCase()
    .replace(/[{}]/g, '')
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Operations that have observations, sorted, each with its groups (body first, then events). */
export function groupsByOperation(report: Report): Map<string, ObservationGroup[]> {
  const out = new Map<string, ObservationGroup[]>();
  for (const group of report.observations) {
    const list = out.get(group.operation);
    if (list) list.push(group);
    else out.set(group.operation, [group]);
  }
  for (const groups of out.values()) groups.sort((a, b) => (a.event ?? '').localeCompare(b.event ?? ''));
  return new Map([...out].sort((a, b) => a[0].localeCompare(b[0])));
}

function nullability(field: FieldObservation): string {
  const seen = (field.types['null'] ?? 0) > 0;
  const spec = field.specNullable === undefined ? '?' : field.specNullable ? 'nullable' : 'not nullable';
  return `${seen ? 'null seen' : 'never null'} / spec ${field.documented ? spec : '-'}`;
}

function fieldRow(field: FieldObservation, samples: number): unknown[] {
  return [
    code(field.path),
    typeList(field.types),
    field.specTypes?.join(' \\| ') ?? '',
    nullability(field),
    `${field.count}/${samples} (${percent(samples ? Math.min(1, field.count / samples) : 0)})`,
    field.examples[0] !== undefined ? code(field.examples[0].slice(0, 60)) : '',
    field.models.join(', '),
    cell(field.description ?? ''),
  ];
}

const HEADERS = ['Path', 'Types seen', 'Spec type', 'Nullability', 'Frequency', 'Example', 'Models', 'Description'];

type ModelSpecific = NonNullable<Report['modelSpecific']>;

/** One group's section: documented table, undocumented table (clearly marked), never observed. */
function groupSection(group: ObservationGroup, coverage: CoverageGroup | undefined, modelSpecific: ModelSpecific = []): string[] {
  const title = group.event ? `Stream event \`${group.event}\`` : 'Response body';
  const out = [`## ${title}`, ''];
  out.push(
    `Schema: ${group.schema ? `\`${group.schema}\`` : '_none_'}. ${group.samples} payloads; models: ${group.models.join(', ') || '-'}; providers: ${group.providers.join(', ') || '-'}.`,
    '',
  );
  const fields = [...group.fields].sort((a, b) => a.path.localeCompare(b.path));
  out.push('### Documented fields', '', table(HEADERS, fields.filter((f) => f.documented).map((f) => fieldRow(f, group.samples))));
  const undocumented = fields.filter((f) => !f.documented && f.path !== '');
  out.push(
    '### ⚠ Undocumented fields',
    '',
    '> Returned by the API but absent from the spec: do not rely on them without a fallback.',
    '',
    table(HEADERS.slice(0, -1), undocumented.map((f) => fieldRow(f, group.samples).slice(0, -1)), '_None seen._'),
  );
  const specific = modelSpecific.filter((m) => m.key === group.key);
  if (specific.length) {
    out.push('### Model-specific fields', '', `Seen for some of the ${specific[0]!.groupModels} models of this payload only.`, '');
    out.push(table(['Path', 'Seen with'], specific.map((m) => [code(m.path), m.models.join(', ')])));
  }
  if (coverage) {
    out.push('### Documented but never observed', '');
    out.push(coverage.neverObserved.length ? coverage.neverObserved.map((p) => `- ${code(p)}`).join('\n') + '\n' : '_None._\n');
  }
  return out;
}

/** Renders `reports/fields/<operation>.md` for one operation. */
export function renderFieldDoc(report: Report, operation: string, groups: ObservationGroup[]): string {
  const coverage = new Map(report.coverage.groups.map((g) => [g.key, g]));
  const out = [
    `# ${operation}`,
    '',
    // No timestamp: these pages are committed, and a date on each would rewrite all of them on
    // every run and hide the real changes in review. summary.md and report.html carry it.
    `Field reference from recorded traffic (spec sha256 \`${report.spec.sha256.slice(0, 12)}\`).`,
    'Frequency counts payloads in which the path appeared; for array items it may exceed the payload count.',
    '',
  ];
  for (const group of groups) out.push(...groupSection(group, coverage.get(group.key), report.modelSpecific));
  return out.join('\n');
}

/** Every field doc: file name (`post-chat-completions.md`) -> Markdown. */
export function renderFieldDocs(report: Report): Map<string, string> {
  const out = new Map<string, string>();
  for (const [operation, groups] of groupsByOperation(report)) {
    out.set(`${operationSlug(operation)}.md`, renderFieldDoc(report, operation, groups));
  }
  return out;
}
