import type { Command } from 'commander';
import { relative, resolve } from 'node:path';
import { loadReport, reportPath } from '../../report/load.ts';
import { loadSpec } from '../../spec/index.ts';
import { staleGenerated, writeGenerated } from '../../typegen/files.ts';
import { generateTypes } from '../../typegen/generate.ts';
import { configFor, type RunAction } from '../command.ts';

/** `fieldwork typegen [--check]`: spec + observed TypeScript types into generated/. */
export function register(program: Command, run: RunAction): void {
  program
    .command('typegen')
    .description('write generated/ (spec types and observed types with the undocumented fields seen) from reports/report.json')
    .option('--input <file>', 'report to read (default: <reports>/report.json)')
    .option('--out <dir>', 'directory to write (default: generated/)')
    .option('--check', 'write nothing; exit 1 when the directory is stale')
    .action(
      run(async (options: { input?: string; out?: string; check?: boolean }, command: Command) => {
        const config = configFor(command);
        const input = reportPath(config.reportsDir, options.input);
        const out = options.out ? resolve(options.out) : config.generatedDir;
        const report = loadReport(input);
        const spec = await loadSpec(config.specPath, { cacheDir: config.cacheDir });
        if (spec.sha256 !== report.spec.sha256) {
          process.stderr.write(`fieldwork typegen: warning: ${relative(process.cwd(), input)} was analysed against spec ${report.spec.sha256.slice(0, 12)}, not ${spec.sha256.slice(0, 12)} (${config.specPath}); re-run \`fieldwork analyze\`.\n`);
        }
        const result = await generateTypes(report, spec.document);
        const rel = relative(process.cwd(), out) || '.';
        if (options.check) {
          const stale = staleGenerated(out, result.files);
          if (stale.length === 0) {
            process.stdout.write(`${rel} is up to date (${result.roots.length} schemas)\n`);
            return 0;
          }
          process.stdout.write(`${rel} is stale; run \`fieldwork typegen\`:\n${stale.map((s) => `  ${s}`).join('\n')}\n`);
          return 1;
        }
        for (const file of writeGenerated(out, result.files)) process.stdout.write(`wrote ${relative(process.cwd(), file)}\n`);
        const g = result.graft;
        process.stdout.write(
          `${result.roots.length} schemas; ${g.undocumented} undocumented fields grafted, ${g.widened} widenings, ${g.optional} required fields made optional\n`,
        );
        for (const u of g.unplaced) process.stdout.write(`  not placed (no such parent in the spec): ${u}\n`);
        for (const s of result.skipped) process.stdout.write(`  no schema to name, no types: ${s}\n`);
        return 0;
      }),
    );
}
