import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FieldworkError } from '../core/errors.ts';
import { REPORT_VERSION, type Report } from '../core/report.ts';

/** The report a command reads: `--input FILE` when given, else `<reportsDir>/report.json`. */
export function reportPath(reportsDir: string, input?: string): string {
  return input ? resolve(input) : join(reportsDir, 'report.json');
}

/**
 * Reads `reports/report.json` as written by `fieldwork analyze`. Misuse (missing file, not JSON,
 * another report version) is a FieldworkError whose message says to re-run analyze.
 */
export function loadReport(file: string): Report {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new FieldworkError('E_REPORT_MISSING', `${file} does not exist. Run \`fieldwork analyze\` first.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new FieldworkError(
      'E_REPORT_INVALID',
      `${file} is not valid JSON (${(error as Error).message}). Re-run \`fieldwork analyze\`.`,
    );
  }
  const report = data as Partial<Report> | null;
  if (!report || typeof report !== 'object' || report.version !== REPORT_VERSION) {
    throw new FieldworkError(
      'E_REPORT_VERSION',
      `${file} has report version ${String(report?.version)}, expected ${REPORT_VERSION}. Re-run \`fieldwork analyze\`.`,
    );
  }
  for (const key of ['findings', 'observations', 'streams', 'providers'] as const) {
    if (!Array.isArray(report[key])) {
      throw new FieldworkError('E_REPORT_INVALID', `${file} has no "${key}" array. Re-run \`fieldwork analyze\`.`);
    }
  }
  return report as Report;
}
