import { appendFileSync } from 'node:fs';
import type { FindingKind } from '../core/finding.ts';
import type { FieldObservation, Report } from '../core/report.ts';
import { code, percent, table } from './markdown.ts';

/** How many undocumented fields the summary lists per operation (the HTML has them all). */
export const TOP_UNDOCUMENTED = 10;
/** How many finding groups "Most frequent" lists (the HTML has them all). */
export const TOP_GROUPS = 10;

/** Undocumented field paths seen per group key (the root of a schemaless payload included). */
export function undocumentedCounts(report: Report): Map<string, number> {
  return new Map(report.observations.map((g) => [g.key, g.fields.filter((f) => !f.documented).length]));
}

/** Undocumented fields of one operation (all its groups), most frequently seen first. */
export function undocumentedByOperation(report: Report): Map<string, Array<FieldObservation & { group: string }>> {
  const out = new Map<string, Array<FieldObservation & { group: string }>>();
  for (const group of report.observations) {
    for (const field of group.fields) {
      if (field.documented || field.path === '') continue; // a root without a schema is not a field
      const list = out.get(group.operation) ?? [];
      list.push({ ...field, group: group.event ?? 'body' });
      out.set(group.operation, list);
    }
  }
  for (const list of out.values()) list.sort((a, b) => b.count - a.count || a.path.localeCompare(b.path));
  return new Map([...out].sort((a, b) => a[0].localeCompare(b[0])));
}

/** Renders reports/summary.md: short enough for a PR comment or a GitHub job summary. */
export function renderSummary(report: Report): string {
  const s = report.summary;
  const out: string[] = ['# fieldwork report', ''];
  out.push(
    `${s.files} files, ${s.exchanges} exchanges, ${s.events} stream events, ${s.errors} read errors, ` +
      `**${s.findings} findings**. Field coverage ${percent(report.coverage.overall.ratio)} ` +
      `(${report.coverage.overall.observed} of ${report.coverage.overall.documented} documented fields seen).`,
    '',
    `Spec \`${report.spec.path}\` (OpenAPI ${report.spec.openapi}, sha256 \`${report.spec.sha256.slice(0, 12)}\`), generated ${report.generatedAt}.`,
    '',
    '## Findings by kind',
    '',
  );
  const kinds = Object.entries(s.byKind) as Array<[FindingKind, number]>;
  out.push(table(['Kind', 'Count'], kinds.sort((a, b) => b[1] - a[1]).map(([k, n]) => [k, n])), '');

  if (report.findingGroups?.length) {
    out.push('### Most frequent', '');
    out.push(
      table(
        ['Kind', 'Operation', 'Path', 'Count'],
        report.findingGroups.slice(0, TOP_GROUPS).map((g) => [g.kind, g.operation ?? '', code(g.path), g.count]),
      ),
      '',
    );
  }

  out.push('## Field coverage', '');
  const undocumented = undocumentedCounts(report);
  out.push(
    table(
      ['Operation / event', 'Schema', 'Documented', 'Observed', 'Coverage', 'Undocumented seen'],
      report.coverage.groups.map((g) => [
        g.key,
        g.schema ?? '',
        g.documented,
        g.observed,
        percent(g.ratio),
        undocumented.get(g.key) ?? 0,
      ]),
    ),
    '',
  );

  out.push('## Top undocumented fields', '');
  const byOp = undocumentedByOperation(report);
  if (byOp.size === 0) out.push('_None seen._', '');
  for (const [operation, fields] of byOp) {
    out.push(`### ${operation}`, '');
    const rows = fields
      .slice(0, TOP_UNDOCUMENTED)
      .map((f) => [code(f.path), f.group, f.count, Object.keys(f.types).join(', '), f.examples[0] ? code(f.examples[0]) : '']);
    out.push(table(['Path', 'Payload', 'Seen', 'Types', 'Example'], rows));
    if (fields.length > TOP_UNDOCUMENTED) out.push(`…and ${fields.length - TOP_UNDOCUMENTED} more in report.html.`);
    out.push('');
  }

  out.push('## Rate-limit headers', '');
  out.push(
    table(
      ['Operation', 'Provider', 'Resource', 'Limit', 'Remaining', 'Reset', 'Consistent'],
      report.headers.rateLimits.map((r) => [
        r.operation,
        r.provider,
        r.resource,
        r.limit ?? '',
        r.remaining ?? '',
        r.rawReset ?? '',
        r.consistent ? 'yes' : 'no',
      ]),
    ),
  );
  return out.join('\n');
}

/** Appends the summary to `$GITHUB_STEP_SUMMARY` when set (GitHub Actions job summary). */
export function appendStepSummary(markdown: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const target = env['GITHUB_STEP_SUMMARY'];
  if (!target) return null;
  appendFileSync(target, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
  return target;
}
