import type { Command } from 'commander';
import { relative, resolve } from 'node:path';
import { loadReport, reportPath } from '../../report/load.ts';
import { writeReports } from '../../report/write.ts';
import { configFor, type RunAction } from '../command.ts';

/** `fieldwork report`: reports/report.json -> reports/summary.md + reports/report.html. */
export function register(program: Command, run: RunAction): void {
  program
    .command('report')
    .description('write reports/summary.md and the self-contained reports/report.html from reports/report.json')
    .option('--input <file>', 'report to read (default: <reports>/report.json)')
    .option('--out <dir>', 'directory to write to (default: the reports directory)')
    .action(
      run((options: { input?: string; out?: string }, command: Command) => {
        const config = configFor(command);
        const input = reportPath(config.reportsDir, options.input);
        const out = options.out ? resolve(options.out) : config.reportsDir;
        const written = writeReports(loadReport(input), out);
        const rel = (p: string) => relative(process.cwd(), p) || p;
        process.stdout.write(`wrote ${rel(written.summary)}\nwrote ${rel(written.html)}\n`);
        if (written.stepSummary) process.stdout.write(`appended summary to ${written.stepSummary}\n`);
        return 0;
      }),
    );
}
