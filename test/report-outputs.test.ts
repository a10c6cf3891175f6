import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FieldworkError } from '../harness/core/errors.ts';
import { operationSlug, renderFieldDocs } from '../harness/report/field-docs.ts';
import { buildFieldTree, countStatuses, pathTokens } from '../harness/report/field-tree.ts';
import { sampleReport } from '../harness/report/fixtures/sample-report.ts';
import { esc, renderHtml } from '../harness/report/html.ts';
import { loadReport } from '../harness/report/load.ts';
import { cell } from '../harness/report/markdown.ts';
import { renderSummary } from '../harness/report/summary.ts';
import { writeFieldDocs, writeReports } from '../harness/report/write.ts';
import { tempDir } from './support/temp-dir.ts';

const tmp = () => tempDir('fieldwork-report-');

describe('summary.md and field docs from the sample report', () => {
  it('renders the summary (file snapshot)', async () => {
    await expect(renderSummary(sampleReport)).toMatchFileSnapshot('__snapshots__/report-summary.md');
  });

  it('renders one field doc per operation with an undocumented section (file snapshot)', async () => {
    const docs = renderFieldDocs(sampleReport);
    expect([...docs.keys()]).toEqual(['post-chat-completions.md']);
    const doc = docs.get('post-chat-completions.md') ?? '';
    const undocumented = doc.split('### ⚠ Undocumented fields')[1]?.split('###')[0] ?? '';
    expect(undocumented).toContain('`choices[].message.annotations`');
    expect(undocumented).not.toContain('`choices[].message.content`');
    expect(doc.split('### Model-specific fields')[1]?.split('###')[0]).toContain('| `system_fingerprint` | gpt-4o-mini-2024-07-18 |');
    await expect(doc).toMatchFileSnapshot('__snapshots__/report-fields-post-chat-completions.md');
  });

  it.each([
    ['POST /chat/completions', 'post-chat-completions'],
    ['GET /threads/{thread_id}/messages', 'get-threads-thread_id-messages'],
    ['POST /responses', 'post-responses'],
  ])('slugs %s as %s', (op, slug) => expect(operationSlug(op)).toBe(slug));

  it.each([
    ['a|b', 'a\\|b'],
    ['line\nbreak', 'line break'],
    [null, ''],
  ])('escapes table cell %j', (input, out) => expect(cell(input)).toBe(out));
});

describe('writing', () => {
  it('writes summary.md + report.html and appends to $GITHUB_STEP_SUMMARY', () => {
    const dir = tmp();
    const step = join(dir, 'step.md');
    writeFileSync(step, 'earlier step\n');
    const written = writeReports(sampleReport, dir, { GITHUB_STEP_SUMMARY: step });
    expect(written.stepSummary).toBe(step);
    const appended = readFileSync(step, 'utf8');
    expect(appended.startsWith('earlier step\n# fieldwork report')).toBe(true);
    expect(readFileSync(written.summary, 'utf8')).toBe(renderSummary(sampleReport));
    expect(writeReports(sampleReport, dir, {}).stepSummary).toBeNull();
  });

  it('removes field docs of operations no longer observed, keeps other files', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'post-old-endpoint.md'), 'stale');
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    writeFieldDocs(sampleReport, dir);
    expect(readdirSync(dir).sort()).toEqual(['notes.txt', 'post-chat-completions.md']);
  });

  it.each([
    ['missing', null, 'E_REPORT_MISSING'],
    ['not json', '{"version":', 'E_REPORT_INVALID'],
    ['wrong version', '{"version":99}', 'E_REPORT_VERSION'],
    ['no findings', '{"version":1,"observations":[],"streams":[],"providers":[]}', 'E_REPORT_INVALID'],
  ])('loadReport rejects a %s report with a fix', (_name, text, code) => {
    const file = join(tmp(), 'report.json');
    if (text !== null) writeFileSync(file, text);
    expect(() => loadReport(file)).toThrowError(FieldworkError);
    try {
      loadReport(file);
    } catch (error) {
      expect((error as FieldworkError).code).toBe(code);
      expect((error as Error).message).toContain(file);
    }
  });
});

describe('report.html (static checks; the Chromium test is html-report.test.ts)', () => {
  const html = renderHtml(sampleReport);
  it('is self-contained: no external src/href, CSP forbids fetching', () => {
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
    expect(html).toContain("default-src 'none'");
    expect(html).not.toContain('sourceMappingURL');
  });
  it('escapes data so a hostile value cannot inject markup', () => {
    const hostile = structuredClone(sampleReport);
    hostile.findings[0]!.value = '</script><img src=x onerror=alert(1)>';
    hostile.coverage.groups[0]!.key = '</script><b>';
    const out = renderHtml(hostile);
    expect(out).not.toContain('<img src=x');
    expect(out).not.toContain('</script><b>');
    expect(esc('<a href="x">')).toBe('&#60;a href=&#34;x&#34;&#62;');
  });
});

describe('field tree', () => {
  it('nests array items and counts statuses, never-observed included', () => {
    expect(pathTokens('choices[].message.content')).toEqual(['choices', '[]', 'message', 'content']);
    const group = sampleReport.observations[0]!;
    const tree = buildFieldTree(group, sampleReport.coverage.groups[0]);
    const choices = tree.children.find((c) => c.path === 'choices');
    expect(choices?.children.map((c) => c.path)).toEqual(['choices[]']);
    expect(countStatuses(tree)).toEqual({ documented: 22, undocumented: 1, never: 6 });
  });
});
