import type { Command } from 'commander';
import { join, relative, resolve } from 'node:path';
import { writeFileAtomic } from '../../core/write-atomic.ts';
import { formatGate, loadBaseline, parseKinds, runGate, writeBaseline } from '../../report/gate.ts';
import { renderJUnit } from '../../report/junit.ts';
import { loadReport, reportPath } from '../../report/load.ts';
import { configFor, type RunAction } from '../command.ts';

interface CheckOptions {
  input?: string;
  baseline?: string;
  failOn?: string;
  updateBaseline?: boolean;
  junit?: string;
}

/** `fieldwork check`: the CI gate. Exit 1 when findings appear that the baseline does not accept. */
export function register(program: Command, run: RunAction): void {
  program
    .command('check')
    .description('CI gate: exit 1 when reports/report.json has findings the accepted baseline does not hold')
    .option('--input <file>', 'report to check (default: <reports>/report.json)')
    .option('--baseline <file>', 'accepted findings (default: <reports>/baseline.json; missing = empty)')
    .option('--fail-on <kinds>', 'comma-separated finding kinds that fail the gate, or "all"', 'all')
    .option('--update-baseline', 'accept every current finding: write the baseline and exit 0')
    .option('--junit <file>', 'also write JUnit XML (one testcase per distinct finding)')
    .action(
      run((options: CheckOptions, command: Command) => {
        const config = configFor(command);
        const input = reportPath(config.reportsDir, options.input);
        const baselineFile = options.baseline ? resolve(options.baseline) : join(config.reportsDir, 'baseline.json');
        const failOn = parseKinds(options.failOn);
        const report = loadReport(input);
        if (options.updateBaseline) {
          const baseline = writeBaseline(baselineFile, report);
          process.stdout.write(`accepted ${baseline.accepted.length} distinct findings into ${relative(process.cwd(), baselineFile)}\n`);
          return 0;
        }
        const result = runGate(report, loadBaseline(baselineFile), failOn);
        process.stdout.write(`${formatGate(result)}\n`);
        if (options.junit) {
          const junit = resolve(options.junit);
          writeFileAtomic(junit, renderJUnit(result));
          process.stdout.write(`wrote ${relative(process.cwd(), junit)}\n`);
        }
        return result.failing.length > 0 ? 1 : 0;
      }),
    );
}
