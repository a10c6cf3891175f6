import type { Command } from 'commander';
import { resolveConfig, type FieldworkConfig, type FieldworkOptions } from '../core/config.ts';

/** What a command's action returns: the process exit code (0 when omitted). */
export type ActionResult = number | void;

/** A command module registers itself on the program; one file per command in commands/. */
export interface CommandModule {
  register(program: Command, run: RunAction): void;
}

/** Wraps an action so its return value becomes the exit code and misuse errors print cleanly. */
export type RunAction = <A extends unknown[]>(
  action: (...args: A) => Promise<ActionResult> | ActionResult,
) => (...args: A) => Promise<void>;

/**
 * Builds the complete config for a command from the global flags (`--spec`, `--root`) plus the
 * command's own options. Call it once per action.
 */
export function configFor(command: Command, extra: FieldworkOptions = {}): FieldworkConfig {
  const globals = command.optsWithGlobals<{ spec?: string; root?: string }>();
  const options: FieldworkOptions = { ...extra };
  if (globals.spec) options.specPath = globals.spec;
  if (globals.root) options.root = globals.root;
  return resolveConfig(options);
}
