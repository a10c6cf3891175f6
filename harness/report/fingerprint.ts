import { createHash } from 'node:crypto';
import type { Finding } from '../core/finding.ts';

/**
 * The identity of a finding for the CI gate: what drifted, not where it was seen. It is the key
 * analyze aggregates findings by (kind, operation, JSON path; plus the value for unknown
 * operations/events), because analyze keeps only the first few findings of each such group
 * (`findingsCap`): anything finer (provider, model, value, observed type) would depend on which
 * findings happened to be stored, and the gate would flap. Cassette, entry and event index are
 * left out so re-recording, reordering or adding cassettes with the same drift is not new.
 * Read errors are about one file, so the file is part of theirs.
 */
export function fingerprintParts(f: Finding): string[] {
  const parts: string[] = [f.kind, f.operation ?? '-', f.path];
  if (f.kind === 'unknown-operation' || f.kind === 'unknown-event') parts.push(f.value ?? '');
  if (f.kind === 'read-error') parts.push(f.file);
  return parts;
}

/** A short stable hex id (sha256 of the parts, 16 hex digits). */
export function fingerprint(f: Finding): string {
  return createHash('sha256').update(fingerprintParts(f).join('\u0000')).digest('hex').slice(0, 16);
}

/** One distinct finding: its fingerprint, how often it occurred, and the first place it was seen. */
export interface FindingGroup {
  fingerprint: string;
  kind: Finding['kind'];
  operation: string | null;
  path: string;
  count: number;
  /** A human-readable description of the drift (the first finding's message). */
  message: string;
  first: { file: string; entry: number | null; event: number | null };
}

/** Where a group was first seen, `file#entry`, as the terminal and the JUnit file show it. */
export function firstSeen(group: FindingGroup): string {
  return `${group.first.file}${group.first.entry !== null ? `#${group.first.entry}` : ''}`;
}

/** Full counts per (kind, operation, path) as analyze reports them (`Report.findingGroups`). */
export type GroupCounts = ReadonlyArray<{ kind: Finding['kind']; operation: string | null; path: string; count: number }>;

/**
 * Groups findings by fingerprint, sorted by fingerprint so files stay diff-friendly. With
 * `counts` (the report's `findingGroups`), counts are the full ones, not just the stored findings.
 */
export function groupFindings(findings: readonly Finding[], counts?: GroupCounts): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const f of findings) {
    const id = fingerprint(f);
    const group = groups.get(id);
    if (group) {
      group.count++;
      continue;
    }
    groups.set(id, {
      fingerprint: id,
      kind: f.kind,
      operation: f.operation,
      path: f.path,
      count: 1,
      message: f.message,
      first: { file: f.file, entry: f.entry, event: f.event },
    });
  }
  if (counts) {
    const key = (c: { kind: string; operation: string | null; path: string }): string => `${c.kind}\t${c.operation ?? ''}\t${c.path}`;
    const full = new Map(counts.map((c) => [key(c), c.count]));
    for (const g of groups.values()) {
      const n = full.get(key(g));
      // Unknown operations/events and read errors split a group further (see fingerprintParts): keep their own count.
      if (n !== undefined && g.kind !== 'unknown-operation' && g.kind !== 'unknown-event' && g.kind !== 'read-error') g.count = n;
    }
  }
  return [...groups.values()].sort((a, b) => a.fingerprint.localeCompare(b.fingerprint));
}
