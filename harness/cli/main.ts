import { Command, CommanderError } from 'commander';
import { isFieldworkError } from '../core/errors.ts';
import type { CommandModule, RunAction } from './command.ts';
/**
 * In pipeline order, which is also the order `fieldwork --help` lists them in. Loaded lazily:
 * each stage pulls in heavy dependencies (Polly, aimock, Ajv, json-schema-to-typescript), and a
 * cold `fieldwork analyze` should not pay for the recorder's.
 */
const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  record: () => import('./commands/record.ts'),
  replay: () => import('./commands/replay.ts'),
  read: () => import('./commands/read.ts'),
  spec: () => import('./commands/spec.ts'),
  analyze: () => import('./commands/analyze.ts'),
  report: () => import('./commands/report.ts'),
  docs: () => import('./commands/docs.ts'),
  typegen: () => import('./commands/typegen.ts'),
  check: () => import('./commands/check.ts'),
};

/** Global options that take a value, so the command name is found after them. */
const GLOBAL_VALUE_OPTIONS = new Set(['--spec', '--root']);

/** The command named on the command line, if it is one of ours (else every command is loaded). */
export function requestedCommand(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (GLOBAL_VALUE_OPTIONS.has(arg)) i++;
    else if (!arg.startsWith('-')) return Object.hasOwn(COMMANDS, arg) ? arg : undefined;
  }
  return undefined;
}

/** Loads the command modules needed for this argv: the one named, or all (for help and errors). */
export async function loadCommands(argv: readonly string[]): Promise<CommandModule[]> {
  const name = requestedCommand(argv);
  const loaders = name ? [COMMANDS[name]!] : Object.values(COMMANDS);
  return Promise.all(loaders.map((load) => load()));
}

/** Builds the CLI program; exported for tests that drive commands in-process. */
export function buildProgram(commands: readonly CommandModule[], setExit: (code: number) => void): Command {
  const program = new Command('fieldwork')
    .description(
      'Record OpenAI API traffic into cassettes, replay it offline, and hold every payload and ' +
        'stream chunk against the OpenAI OpenAPI spec.',
    )
    .option('--spec <path>', 'OpenAPI spec to use (default: schemas/openapi.yaml, or $FIELDWORK_SPEC)')
    .option('--root <dir>', 'project root (default: current directory)')
    .showHelpAfterError()
    .exitOverride();
  const run: RunAction =
    (action) =>
    async (...args) => {
      const code = await action(...args);
      setExit(typeof code === 'number' ? code : 0);
    };
  for (const module of commands) module.register(program, run);
  return program;
}

/** Runs the CLI and returns the exit code; misuse errors print their fix, not a stack. */
export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(await loadCommands(argv), (code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (isFieldworkError(error)) {
      process.stderr.write(`fieldwork: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
