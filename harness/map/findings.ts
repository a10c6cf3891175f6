import type { Finding, FindingKind } from '../core/finding.ts';
import { FINDINGS_CAP, type Aggregate } from './aggregate.ts';

/**
 * Findings into an aggregate: every one counted, up to FINDINGS_CAP stored per (kind, operation,
 * path) group. A corpus repeats the same few thousand findings hundreds of thousands of times, so
 * group keys are built once and a finding whose group is full is only counted (`countIfFull`).
 */

/** Finding-group keys built so far, by kind, operation and path (the same few thousand, millions of times). */
const KEYS = new Map<string, Map<string, Map<string, string>>>();
let keyCount = 0;

/** The key of a finding group: kind, operation and path (see `addFinding` for unknown operations/events). */
export function findingKey(kind: FindingKind, operation: string | null, path: string): string {
  let byOp = KEYS.get(kind);
  if (!byOp) KEYS.set(kind, (byOp = new Map()));
  const op = operation ?? '';
  let byPath = byOp.get(op);
  if (!byPath) byOp.set(op, (byPath = new Map()));
  let key = byPath.get(path);
  if (key === undefined) {
    key = `${kind}\t${op}\t${path}`;
    // Bounded like the path table: past it keys are built each time.
    if (keyCount++ < 100_000) byPath.set(path, key);
  }
  return key;
}

/**
 * Counts a finding whose group already stores FINDINGS_CAP of them and returns true; returns
 * false (counting nothing) when it must be built and added with `addFinding`. Callers check first
 * so the common case, one more of a finding seen thousands of times, renders nothing.
 */
export function countIfFull(agg: Aggregate, kind: FindingKind, operation: string | null, path: string): boolean {
  const g = agg.findings.get(findingKey(kind, operation, path));
  if (g === undefined || g.stored.length < FINDINGS_CAP) return false;
  g.count++;
  return true;
}

/** Records one finding: counted always, stored while its group is under the cap. */
export function addFinding(agg: Aggregate, finding: Finding): void {
  // Unknown operations and events are told apart by their value (`POST /v1/foo`), not by path.
  const unknown = finding.kind === 'unknown-operation' || finding.kind === 'unknown-event';
  const key = unknown ? `${finding.kind}\t${finding.operation ?? ''}\t${finding.path}\t${finding.value ?? ''}` : findingKey(finding.kind, finding.operation, finding.path);
  let g = agg.findings.get(key);
  if (!g) {
    g = { kind: finding.kind, operation: finding.operation, path: finding.path, count: 0, stored: [] };
    agg.findings.set(key, g);
  }
  g.count++;
  if (g.stored.length < FINDINGS_CAP) g.stored.push(finding);
}

