import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../core/report.ts';
import { writeFileAtomic } from '../core/write-atomic.ts';
import { renderFieldDocs } from './field-docs.ts';
import { renderHtml } from './html.ts';
import { appendStepSummary, renderSummary } from './summary.ts';

/** What `writeReports` wrote, for the CLI to print. */
export interface WrittenReports {
  summary: string;
  html: string;
  stepSummary: string | null;
}

/** Writes `summary.md` and `report.html` into `dir`, and appends the summary to the job summary. */
export function writeReports(report: Report, dir: string, env: NodeJS.ProcessEnv = process.env): WrittenReports {
  const markdown = renderSummary(report);
  const summary = join(dir, 'summary.md');
  const html = join(dir, 'report.html');
  writeFileAtomic(summary, markdown);
  writeFileAtomic(html, renderHtml(report));
  return { summary, html, stepSummary: appendStepSummary(markdown, env) };
}

/**
 * Writes `<dir>/<operation>.md` for every observed operation. The folder is generated output, so
 * Markdown files for operations no longer observed are removed (nothing else is touched).
 */
export function writeFieldDocs(report: Report, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const docs = renderFieldDocs(report);
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.md') && !docs.has(name)) rmSync(join(dir, name));
  }
  const written: string[] = [];
  for (const [name, markdown] of docs) {
    const file = join(dir, name);
    writeFileAtomic(file, markdown);
    written.push(file);
  }
  return written;
}
