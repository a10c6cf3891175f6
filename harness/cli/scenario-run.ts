import type { FieldworkConfig } from '../core/config.ts';
import { createProgress, formatSummary } from '../record/progress.ts';
import { runScenarios } from '../record/runner.ts';

/**
 * The body shared by `fieldwork record` and `fieldwork replay`: run the selected variants with a
 * progress display, print the one-line summary, and turn failures into exit code 1.
 */
export async function runScenarioCommand(config: FieldworkConfig, globs: string[]): Promise<number> {
  const progress = createProgress();
  const summary = await runScenarios({
    config,
    globs,
    onStart: (total) => progress.start(total),
    onResult: (result) => progress.result(result),
  }).finally(() => progress.stop());
  process.stdout.write(formatSummary(summary));
  return summary.failed > 0 ? 1 : 0;
}
