import { existsSync, readFileSync } from 'node:fs';
import { FieldworkError } from '../core/errors.ts';
import { FINDING_KINDS, type FindingKind } from '../core/finding.ts';
import type { Report } from '../core/report.ts';
import { writeFileAtomic } from '../core/write-atomic.ts';
import { firstSeen, groupFindings, type FindingGroup } from './fingerprint.ts';

export const BASELINE_VERSION = 1;

/** reports/baseline.json: the accepted findings, by fingerprint. */
export interface Baseline {
  version: typeof BASELINE_VERSION;
  updatedAt: string;
  accepted: FindingGroup[];
}

/** Outcome of comparing a report with the baseline. */
export interface GateResult {
  /** Fingerprints not in the baseline whose kind is in failOn: these fail the gate. */
  failing: FindingGroup[];
  /** New, but of a kind the gate was told to ignore. */
  ignored: FindingGroup[];
  /** Current findings the baseline accepts. */
  accepted: FindingGroup[];
  /** In the baseline but no longer seen (fixed upstream, or no longer recorded). */
  gone: FindingGroup[];
  failOn: FindingKind[];
}

/** Parses `--fail-on undocumented-field,type-mismatch` (or `all`); unknown kinds are misuse. */
export function parseKinds(value: string | undefined): FindingKind[] {
  if (!value || value === 'all') return [...FINDING_KINDS];
  const kinds = value.split(',').map((k) => k.trim()).filter(Boolean);
  const unknown = kinds.filter((k) => !(FINDING_KINDS as readonly string[]).includes(k));
  if (unknown.length) {
    throw new FieldworkError('E_USAGE', `Unknown finding kind(s) ${unknown.join(', ')} in --fail-on. Use "all" or some of: ${FINDING_KINDS.join(', ')}.`);
  }
  return kinds as FindingKind[];
}

/** Reads a baseline; a missing file is an empty baseline (every finding is new). */
export function loadBaseline(file: string): Baseline {
  if (!existsSync(file)) return { version: BASELINE_VERSION, updatedAt: '', accepted: [] };
  let data: Partial<Baseline>;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as Partial<Baseline>;
  } catch (error) {
    throw new FieldworkError('E_BASELINE', `${file} is not valid JSON (${(error as Error).message}). Fix it or re-create it with --update-baseline.`);
  }
  if (data.version !== BASELINE_VERSION || !Array.isArray(data.accepted)) {
    throw new FieldworkError('E_BASELINE', `${file} is not a fieldwork baseline (version ${BASELINE_VERSION}). Re-create it with --update-baseline.`);
  }
  return data as Baseline;
}

/** Accepts every current finding: writes the baseline (sorted by fingerprint, stable diffs). */
export function writeBaseline(file: string, report: Report, now = new Date()): Baseline {
  const baseline: Baseline = { version: BASELINE_VERSION, updatedAt: now.toISOString(), accepted: groupFindings(report.findings, report.findingGroups) };
  writeFileAtomic(file, `${JSON.stringify(baseline, null, 2)}\n`);
  return baseline;
}

/** Compares current findings with the baseline by fingerprint (never by position). */
export function runGate(report: Report, baseline: Baseline, failOn: FindingKind[]): GateResult {
  const known = new Set(baseline.accepted.map((g) => g.fingerprint));
  const current = groupFindings(report.findings, report.findingGroups);
  const seen = new Set(current.map((g) => g.fingerprint));
  const result: GateResult = { failing: [], ignored: [], accepted: [], gone: [], failOn };
  for (const group of current) {
    if (known.has(group.fingerprint)) result.accepted.push(group);
    else if (failOn.includes(group.kind)) result.failing.push(group);
    else result.ignored.push(group);
  }
  result.gone = baseline.accepted.filter((g) => !seen.has(g.fingerprint));
  return result;
}

/** How many findings the terminal lists per section; the JUnit file has them all. */
export const LIST_LIMIT = 50;

/** Plain-text summary for the terminal. */
export function formatGate(result: GateResult, limit = LIST_LIMIT): string {
  const line = (g: FindingGroup) => `  ${g.fingerprint}  ${g.kind}  ${g.operation ?? '-'}  ${g.path || '(root)'}  x${g.count}  (${firstSeen(g)})`;
  const out = [
    `fieldwork check: ${result.failing.length} new, ${result.accepted.length} accepted, ${result.ignored.length} new but ignored, ${result.gone.length} gone`,
  ];
  const list = (groups: FindingGroup[]) => [
    ...groups.slice(0, limit).map(line),
    ...(groups.length > limit ? [`  …and ${groups.length - limit} more (all of them are in --junit FILE)`] : []),
  ];
  if (result.failing.length) out.push('New findings not in the baseline:', ...list(result.failing));
  if (result.gone.length) out.push('In the baseline but no longer seen (run --update-baseline to drop them):', ...list(result.gone));
  out.push(result.failing.length ? 'FAIL (accept them with --update-baseline if they are expected)' : 'PASS');
  return out.join('\n');
}
