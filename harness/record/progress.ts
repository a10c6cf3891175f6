import { SingleBar, Presets } from 'cli-progress';
import type { RunSummary, VariantResult } from './runner.ts';

/** Progress for long runs: a bar on a terminal, one line per finished variant otherwise. */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): {
  start(total: number): void;
  result(result: VariantResult): void;
  stop(): void;
} {
  const tty = Boolean(stream.isTTY);
  const bar = tty ? new SingleBar({ stream, format: ' {bar} {value}/{total} {name}', hideCursor: true }, Presets.shades_classic) : null;
  return {
    start(total) {
      bar?.start(total, 0, { name: '' });
    },
    result(result) {
      if (bar) bar.increment(1, { name: result.name });
      else stream.write(`${result.status.padEnd(8)} ${result.name}${result.status === 'skipped' && result.message ? `: ${result.message}` : ''}\n`);
    },
    stop() {
      bar?.stop();
    },
  };
}

/**
 * The one-line summary every run ends with, after why variants were skipped (grouped by reason,
 * naming the scenarios) and each failure's message.
 */
export function formatSummary(summary: RunSummary): string {
  const skipped = new Map<string, Set<string>>();
  for (const r of summary.results.filter((r) => r.status === 'skipped')) {
    const reason = r.message ?? 'no reason given';
    skipped.set(reason, (skipped.get(reason) ?? new Set()).add(r.scenarioId));
  }
  const lines = [...skipped].map(([reason, ids]) => `SKIPPED ${[...ids].join(', ')}: ${reason}`);
  lines.push(...summary.results.filter((r) => r.status === 'failed').map((r) => `FAILED ${r.name}: ${r.message ?? ''}`));
  const parts = [`${summary.recorded} recorded`, `${summary.replayed} replayed`];
  if (summary.passed) parts.push(`${summary.passed} passed through`);
  if (summary.skipped) parts.push(`${summary.skipped} skipped`);
  parts.push(`${summary.failed} failed`);
  lines.push(parts.join(' / '));
  return `${lines.join('\n')}\n`;
}
