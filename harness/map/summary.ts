import type { Report } from '../core/report.ts';

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function list(items: string[], max = 4): string {
  if (items.length === 0) return '-';
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} (+${items.length - max})` : shown;
}

/** The short human summary `fieldwork analyze` prints (to stdout, or stderr under --json). */
export function formatSummary(report: Report, top = 10): string {
  const s = report.summary;
  const lines: string[] = [];
  lines.push(`analysed ${s.files} files, ${s.exchanges} exchanges, ${s.events} stream events (${s.errors} read errors)`);
  lines.push(`findings: ${s.findings}${report.findingsCap ? ` (up to ${report.findingsCap} stored per kind/operation/path)` : ''}`);
  for (const [kind, n] of Object.entries(s.byKind).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))) lines.push(`  ${kind.padEnd(22)} ${n}`);
  const c = report.coverage.overall;
  lines.push(`field coverage: ${c.observed}/${c.documented} documented response fields observed (${pct(c.ratio)})`);
  const undocumented = (report.findingGroups ?? []).filter((g) => g.kind === 'undocumented-field').slice(0, top);
  if (undocumented.length > 0) {
    lines.push(`most frequent undocumented fields:`);
    for (const g of undocumented) lines.push(`  ${String(g.count).padStart(6)}  ${g.operation ?? '?'}  ${g.path}`);
  }
  const bad = report.headers.rateLimits.filter((r) => !r.consistent).length;
  lines.push(`rate-limit headers: ${report.headers.rateLimits.length} kept (capped per operation/provider/resource), ${bad} inconsistent or unparseable`);
  lines.push(`streams: ${report.streams.length} reassembled`);
  const modelOnly = report.modelSpecific?.length ?? 0;
  if (modelOnly > 0) lines.push(`fields sent for only some models: ${modelOnly} (report.modelSpecific)`);
  return `${lines.join('\n')}\n`;
}

/**
 * The provider conformance table: per provider and operation (or stream event type), the fields
 * it adds or omits relative to the spec and to real OpenAI traffic (`openai`).
 */
export function formatProviderTable(report: Report, max = 4): string {
  const lines: string[] = ['provider conformance (+ adds, - omits; vs spec | vs openai):'];
  const byProvider = new Map<string, Report['providers']>();
  for (const row of report.providers) byProvider.set(row.provider, [...(byProvider.get(row.provider) ?? []), row]);
  for (const [provider, rows] of [...byProvider.entries()].sort()) {
    const exchanges = rows.reduce((n, r) => n + (r.operation.includes(' :: ') ? 0 : r.exchanges), 0);
    lines.push('');
    lines.push(`${provider}: ${rows.length} operations/event types, ${exchanges} bodies`);
    const width = Math.min(60, Math.max(...rows.map((r) => r.operation.length)));
    lines.push(`  ${'operation'.padEnd(width)}  ${'n'.padStart(5)}  +spec  -spec  +openai  -openai  examples`);
    const differing = rows.filter((r) => r.addsVsSpec.length + r.omitsVsSpec.length + r.addsVsOpenai.length + r.omitsVsOpenai.length > 0);
    for (const r of differing) {
      const example = [
        r.addsVsSpec.length ? `+${list(r.addsVsSpec, max)}` : '',
        r.omitsVsSpec.length ? `-${list(r.omitsVsSpec, max)}` : '',
        r.addsVsOpenai.length ? `+openai: ${list(r.addsVsOpenai, max)}` : '',
        r.omitsVsOpenai.length ? `-openai: ${list(r.omitsVsOpenai, max)}` : '',
      ].filter(Boolean).join('; ');
      lines.push(`  ${r.operation.padEnd(width)}  ${String(r.exchanges).padStart(5)}  ${String(r.addsVsSpec.length).padStart(5)}  ${String(r.omitsVsSpec.length).padStart(5)}  ${String(r.addsVsOpenai.length).padStart(7)}  ${String(r.omitsVsOpenai.length).padStart(7)}  ${example}`);
    }
    const same = rows.length - differing.length;
    if (same > 0) lines.push(`  (${same} more operations/event types add and omit nothing)`);
  }
  return `${lines.join('\n')}\n`;
}
