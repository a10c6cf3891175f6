import type { Command } from 'commander';
import { join, relative, resolve } from 'node:path';
import { loadReport, reportPath } from '../../report/load.ts';
import { writeFieldDocs } from '../../report/write.ts';
import { configFor, type RunAction } from '../command.ts';

/** `fieldwork docs`: one Markdown field reference per operation in reports/fields/. */
export function register(program: Command, run: RunAction): void {
  program
    .command('docs')
    .description('write field documentation, reports/fields/<operation>.md, from reports/report.json')
    .option('--input <file>', 'report to read (default: <reports>/report.json)')
    .option('--out <dir>', 'directory to write to (default: <reports>/fields)')
    .action(
      run((options: { input?: string; out?: string }, command: Command) => {
        const config = configFor(command);
        const input = reportPath(config.reportsDir, options.input);
        const out = options.out ? resolve(options.out) : join(config.reportsDir, 'fields');
        const written = writeFieldDocs(loadReport(input), out);
        for (const file of written) process.stdout.write(`wrote ${relative(process.cwd(), file)}\n`);
        process.stdout.write(`${written.length} operations documented\n`);
        return 0;
      }),
    );
}
