#!/usr/bin/env node
// Runs one `fieldwork` command in this process and, on exit, writes this process's resource usage
// (peak RSS includes worker threads) to $FIELDWORK_BENCH_USAGE. The bench measures the child, not
// itself, so its own corpus bookkeeping never pollutes the figures.
import { writeFileSync } from 'node:fs';
import { register } from 'tsx/esm/api';

const started = performance.now();
register();
const { main } = await import('../harness/cli/main.ts');
const code = await main(process.argv.slice(2));
const usage = process.resourceUsage();
const out = process.env['FIELDWORK_BENCH_USAGE'];
if (out) {
  writeFileSync(
    out,
    JSON.stringify({
      code,
      maxRssKb: usage.maxRSS,
      userMs: usage.userCPUTime / 1000,
      systemMs: usage.systemCPUTime / 1000,
      inProcessMs: performance.now() - started,
    }),
  );
}
process.exitCode = code;
