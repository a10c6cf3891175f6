import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Finding } from '../core/finding.ts';
import type { Report, StreamSummary } from '../core/report.ts';
import { buildFieldTree, countStatuses, type FieldNode } from './field-tree.ts';
import { groupsByOperation } from './field-docs.ts';
import { percent, typeList } from './markdown.ts';
import { undocumentedCounts } from './summary.ts';

const require = createRequire(import.meta.url);
const asset = (name: string): string => readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');

/** Chart.js UMD build, read from node_modules at generation time; its source-map comment is dropped. */
function chartJs(): string {
  // The UMD build is not in the package's "exports"; it sits beside the CommonJS entry in dist/.
  const file = join(dirname(require.resolve('chart.js')), 'chart.umd.min.js');
  return readFileSync(file, 'utf8').replace(/\/\/# sourceMappingURL=.*$/m, '');
}

/** HTML-escapes text for element content and attribute values. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON safe inside a <script> block: `<` is escaped so `</script>` in data cannot end it. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? null;
};

function streamRow(s: StreamSummary) {
  return {
    label: `${s.operation} · ${s.file.split('/').pop()}#${s.entry ?? '-'}`,
    firstEventMs: s.firstEventMs,
    medianGapMs: median(s.gapsMs),
    maxGapMs: s.gapsMs.length ? Math.max(...s.gapsMs) : null,
  };
}

function findingRow(f: Finding): string {
  const at = `${f.entry !== null ? `#${f.entry}` : ''}${f.event !== null ? ` event ${f.event}` : ''}`;
  // The cell shows the file name; the full path is in the tooltip and still matched by the filter.
  const where = `<span title="${esc(f.file)}">${esc(f.file.split('/').pop())}${esc(at)}</span><span hidden>${esc(f.file)}</span>`;
  return `<tr data-kind="${esc(f.kind)}"><td class="k">${esc(f.kind)}</td><td>${esc(f.operation ?? '')}</td><td><code>${esc(f.path)}</code></td><td>${esc(f.observedType ?? '')}</td><td class="v"><code>${esc(f.value ?? '')}</code></td><td>${esc(f.message)}</td><td class="w">${where}</td><td>${esc(f.model ?? '')}</td><td>${esc(f.provider)}</td></tr>`;
}

function descendants(node: FieldNode): string[] {
  return node.children.flatMap((c) => [c.path, ...descendants(c)]);
}

/**
 * One node of the field explorer. Observed children are nested; documented paths never observed
 * below a node are folded into one list of paths (a whole unused tool schema can be hundreds),
 * so the seen fields stay in view and the file stays small.
 */
function treeHtml(node: FieldNode): string {
  const f = node.field;
  const badge = `<span class="badge b-${node.status}">${node.status}</span>`;
  const meta = f
    ? `<span class="meta">${esc(typeList(f.types))}${f.specTypes ? ` · spec ${esc(f.specTypes.join('|'))}${f.specNullable ? '|null' : ''}` : ''} · seen ${f.count}${f.examples[0] ? ` · e.g. <code>${esc(f.examples[0].slice(0, 80))}</code>` : ''}${f.models.length ? ` · ${esc(f.models.join(', '))}` : ''}</span>`
    : '';
  const title = f?.description ? ` title="${esc(f.description)}"` : '';
  const seen = node.children.filter((c) => c.status !== 'never');
  // Shown relative to this node (`tool_calls[].function.name` under `choices[].message`).
  const rel = (p: string): string => (node.path && p.startsWith(node.path) ? p.slice(node.path.length).replace(/^\./, '') : p);
  const never = node.children.filter((c) => c.status === 'never').flatMap((c) => [c.path, ...descendants(c)]).map(rel);
  const folded = never.length
    ? `<li class="s-never"><details><summary class="muted"><span class="badge b-never">never observed</span> ${never.length} documented path${never.length === 1 ? '' : 's'}</summary><div class="never-list">${never.map((p) => `<code>${esc(p)}</code>`).join(' ')}</div></details></li>`
    : '';
  const kids = seen.length || folded ? `<ul>${seen.map(treeHtml).join('')}${folded}</ul>` : '';
  return `<li class="s-${node.status}" data-path="${esc(node.path)}"><code${title}>${esc(node.name)}</code> ${badge}${meta}${kids}</li>`;
}

function groupsTable(report: Report): string {
  const groups = report.findingGroups ?? [];
  if (groups.length === 0) return '';
  const rows = groups.map((g) => `<tr><td class="k">${esc(g.kind)}</td><td>${esc(g.operation ?? '')}</td><td><code>${esc(g.path)}</code></td><td>${g.count}</td><td>${g.stored}</td></tr>`);
  return `<details><summary>All ${groups.length} finding groups with full counts</summary><table class="sortable" id="finding-groups"><thead><tr><th>Kind</th><th>Operation</th><th>Path</th><th>Count</th><th>Stored</th></tr></thead><tbody>${rows.join('\n')}</tbody></table></details>`;
}

/** Renders reports/report.html: one self-contained file (styles, Chart.js, data, client code inline). */
export function renderHtml(report: Report): string {
  const s = report.summary;
  const coverage = new Map(report.coverage.groups.map((g) => [g.key, g]));
  const undocumented = undocumentedCounts(report);
  const data = {
    coverage: report.coverage.groups.map((g) => ({ key: g.key, documented: g.documented, observed: g.observed, ratio: g.ratio, undocumented: undocumented.get(g.key) ?? 0 })),
    streams: report.streams.filter((x) => x.firstEventMs !== null || x.gapsMs.length > 0).map(streamRow),
  };
  const kinds = [...new Set(report.findings.map((f) => f.kind))].sort();
  const ops = groupsByOperation(report);
  const explorer = [...ops].map(([op, groups]) => {
    const trees = groups.map((g) => {
      const tree = buildFieldTree(g, coverage.get(g.key));
      const c = countStatuses(tree);
      return `<details open><summary>${esc(g.event ? `event ${g.event}` : 'response body')} · <code>${esc(g.schema ?? 'no schema')}</code> · ${g.samples} payloads · ${c.documented} documented, ${c.undocumented} undocumented, ${c.never} never observed</summary><ul class="tree">${treeHtml(tree)}</ul></details>`;
    });
    return `<div class="explorer-op" data-op="${esc(op)}">${trees.join('')}</div>`;
  });
  const headerRows = Object.entries(report.headers.operations).flatMap(([op, hs]) =>
    hs.map((h) => `<tr><td>${esc(op)}</td><td><code>${esc(h.name)}</code></td><td>${h.count}</td><td>${h.documented ? 'yes' : '<b>no</b>'}</td><td><code>${esc(h.examples.slice(0, 3).join(' · '))}</code></td></tr>`),
  );
  const rateRows = report.headers.rateLimits.map((r) => `<tr><td>${esc(r.operation)}</td><td>${esc(r.provider)}</td><td>${esc(r.resource)}</td><td>${r.limit ?? ''}</td><td>${r.remaining ?? ''}</td><td data-sort="${r.resetMs ?? ''}">${esc(r.rawReset ?? '')}</td><td>${r.consistent ? 'yes' : '<b>no</b>'}</td><td>${esc(`${r.file}#${r.entry ?? '-'}`)}</td></tr>`);
  const streamRows = report.streams.map((x) => {
    const gaps = streamRow(x); // the same median / max gap the chart plots
    return `<tr><td>${esc(x.operation)}</td><td>${esc(x.provider)}</td><td class="w" title="${esc(x.file)}">${esc(`${x.file.split('/').pop()}#${x.entry ?? '-'}`)}</td><td>${x.events}</td><td>${x.firstEventMs ?? ''}</td><td>${gaps.medianGapMs ?? ''}</td><td>${gaps.maxGapMs ?? ''}</td><td class="v">${esc((x.text ?? '').slice(0, 80))}</td></tr>`;
  });
  const chartHeight = (n: number) => `style="--h:${Math.max(140, 70 + n * 22)}px"`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>fieldwork report</title><style>${asset('report.css')}</style></head>
<body><header><h1>fieldwork report</h1>
<div class="muted">Spec ${esc(report.spec.path)} (OpenAPI ${esc(report.spec.openapi)}, sha256 ${esc(report.spec.sha256.slice(0, 12))}) · generated ${esc(report.generatedAt)}</div>
<nav><a href="#coverage">Coverage</a><a href="#findings">Findings</a><a href="#explorer">Field explorer</a><a href="#headers">Headers</a><a href="#streams">Streams</a></nav></header>
<main>
<div class="cards">${[['files', s.files], ['exchanges', s.exchanges], ['stream events', s.events], ['read errors', s.errors], ['findings', s.findings], ['field coverage', percent(report.coverage.overall.ratio)]].map(([k, v]) => `<div class="card"><b>${esc(v)}</b>${esc(k)}</div>`).join('')}</div>
<section id="coverage"><h2>Field coverage per operation</h2><div class="chart-box" ${chartHeight(data.coverage.length)}><canvas id="coverage-chart" aria-label="field coverage chart"></canvas></div></section>
<section id="findings-section"><h2>Findings</h2>
<div class="controls"><input id="finding-filter" type="search" placeholder="Filter: words in any column (path, operation, file, model…)"><select id="finding-kind"><option value="">all kinds</option>${kinds.map((k) => `<option value="${esc(k)}">${esc(k)} (${s.byKind[k] ?? report.findings.filter((f) => f.kind === k).length})</option>`).join('')}</select><span id="finding-count" class="muted"></span></div>
${report.findingsCap !== undefined ? `<p class="muted">The table holds the first ${report.findingsCap} findings of each (kind, operation, path) group: ${report.findings.length} of ${s.findings}. Full counts per group are below it.</p>` : ''}
<table id="findings" class="sortable"><thead><tr><th>Kind</th><th>Operation</th><th>Path</th><th>Type</th><th>Value</th><th>Message</th><th>Where</th><th>Model</th><th>Provider</th></tr></thead><tbody>${report.findings.map(findingRow).join('\n')}</tbody></table>
${groupsTable(report)}</section>
<section id="explorer"><h2>Field explorer</h2><div class="controls"><select id="explorer-op">${[...ops.keys()].map((op) => `<option>${esc(op)}</option>`).join('')}</select><label><input type="checkbox" id="hide-never"> hide never-observed paths</label></div>${explorer.join('\n')}</section>
<section id="headers"><h2>Header catalogue</h2><table class="sortable" id="header-table"><thead><tr><th>Operation</th><th>Header</th><th>Seen</th><th>Documented</th><th>Examples</th></tr></thead><tbody>${headerRows.join('\n')}</tbody></table>
<h3>Rate limits</h3><table class="sortable" id="rate-table"><thead><tr><th>Operation</th><th>Provider</th><th>Resource</th><th>Limit</th><th>Remaining</th><th>Reset</th><th>Consistent</th><th>Where</th></tr></thead><tbody>${rateRows.join('\n')}</tbody></table></section>
<section id="streams"><h2>Stream timing</h2>${data.streams.length ? `<div class="chart-box" ${chartHeight(data.streams.length)}><canvas id="stream-chart" aria-label="stream timing chart"></canvas></div>` : '<p class="muted">No stream timing recorded (only fieldwork HAR cassettes carry chunk offsets).</p>'}
<table class="sortable" id="stream-table"><thead><tr><th>Operation</th><th>Provider</th><th>Where</th><th>Events</th><th>First event (ms)</th><th>Median gap (ms)</th><th>Max gap (ms)</th><th>Text</th></tr></thead><tbody>${streamRows.join('\n')}</tbody></table></section>
</main>
<script type="application/json" id="fw-data">${scriptJson(data)}</script>
<script>${chartJs()}</script>
<script>${asset('report.client.js')}</script>
</body></html>
`;
}
