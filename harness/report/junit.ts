import { firstSeen, type FindingGroup } from './fingerprint.ts';
import type { GateResult } from './gate.ts';

const xml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c)
    // XML 1.0 forbids most control characters even when escaped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

function testcase(group: FindingGroup, outcome: 'failure' | 'pass' | 'skipped'): string {
  const name = `${group.kind} ${group.operation ?? '-'} ${group.path || '(root)'} [${group.fingerprint}]`;
  const open = `    <testcase classname="${xml(`fieldwork.${group.operation ?? 'unknown'}`)}" name="${xml(name)}" file="${xml(group.first.file)}">`;
  if (outcome === 'pass') return `${open}</testcase>`;
  if (outcome === 'skipped') return `${open}<skipped message="${xml(`${group.kind} is not in --fail-on`)}"/></testcase>`;
  return `${open}<failure type="${xml(group.kind)}" message="${xml(group.message)}">${xml(`${group.message}\nseen ${group.count}x, first at ${firstSeen(group)}`)}</failure></testcase>`;
}

/** JUnit XML: one testcase per distinct finding; new ones fail, accepted pass, ignored skip. */
export function renderJUnit(result: GateResult): string {
  const cases = [
    ...result.failing.map((g) => testcase(g, 'failure')),
    ...result.ignored.map((g) => testcase(g, 'skipped')),
    ...result.accepted.map((g) => testcase(g, 'pass')),
  ];
  const tests = cases.length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="fieldwork check" tests="${tests}" failures="${result.failing.length}">`,
    `  <testsuite name="fieldwork check" tests="${tests}" failures="${result.failing.length}" skipped="${result.ignored.length}" errors="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
