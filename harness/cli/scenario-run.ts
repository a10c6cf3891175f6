import type { FieldworkConfig, FieldworkOptions, TargetName } from '../core/config.ts';
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

/** The flags `record` and `replay` share. */
export interface ScenarioRunFlags {
  target?: TargetName;
  baseUrl?: string;
  concurrency?: string;
}

/** Options from the shared flags: `--base-url` without `--target` means target `custom`. */
export function scenarioRunOptions(flags: ScenarioRunFlags): FieldworkOptions {
  const options: FieldworkOptions = {};
  if (flags.target) options.target = flags.target;
  if (flags.baseUrl) {
    options.baseUrl = flags.baseUrl;
    options.target ??= 'custom';
  }
  if (flags.concurrency) options.concurrency = Number.parseInt(flags.concurrency, 10);
  return options;
}
