import { createHash } from 'node:crypto';
import type { Finding } from '../core/finding.ts';

/**
 * The identity of a finding for the CI gate: what drifted, not where it was seen. Cassette, entry,
 * event index, model and message are left out, so re-recording, reordering or adding cassettes
 * that show the same drift does not count as new. A new enum value or a new observed type is new
 * drift, so those parts are in; read errors and unknown operations are about one file, so the
 * file is in for them.
 */
export function fingerprintParts(f: Finding): string[] {
  const parts = [f.kind, f.operation ?? '-', f.schema ?? '-', f.path, f.provider];
  if (f.kind === 'type-mismatch' || f.kind === 'unexpected-null' || f.kind === 'format-mismatch') parts.push(f.observedType ?? '-');
  if (f.kind === 'enum-drift') parts.push(f.value ?? '-');
  if (f.kind === 'read-error' || f.kind === 'unknown-operation') parts.push(f.file);
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

/** Groups findings by fingerprint, sorted by fingerprint so files stay diff-friendly. */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
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
  return [...groups.values()].sort((a, b) => a.fingerprint.localeCompare(b.fingerprint));
}
