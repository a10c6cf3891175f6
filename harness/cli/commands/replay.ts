import { Option, type Command } from 'commander';
import type { FieldworkOptions } from '../../core/config.ts';
import { configFor, type RunAction } from '../command.ts';
import { runScenarioCommand, scenarioRunOptions, type ScenarioRunFlags } from '../scenario-run.ts';

interface ReplayFlags extends ScenarioRunFlags {
  pace?: 'none' | 'recorded';
}

/** `fieldwork replay [scenario-glob...]`: runs scenarios from their cassettes, network locked. */
export function register(program: Command, run: RunAction): void {
  program
    .command('replay')
    .description(
      'Run scenarios from their cassettes with the network locked: no socket is opened, SDK retries are off, ' +
        'and a missing recording fails with the command that records it.',
    )
    .argument('[scenario-glob...]', 'scenario ids (`chat-*`) or variant names; default: all')
    .addOption(
      new Option('--target <target>', 'whose recordings to replay (recordings/<provider>/)').choices(['aimock', 'prism', 'openai', 'custom']),
    )
    .option('--base-url <url>', 'replay the recordings of this custom server (provider = its host)')
    .addOption(new Option('--pace <pace>', 'none: bodies at once; recorded: stream chunks at their recorded offsets').choices(['none', 'recorded']))
    .option('--concurrency <n>', 'variants replayed in parallel')
    .action(
      run(async (globs: string[], flags: ReplayFlags, command: Command) => {
        const options: FieldworkOptions = { ...scenarioRunOptions(flags), mode: 'replay' };
        if (flags.pace) options.pace = flags.pace;
        return runScenarioCommand(configFor(command, options), globs);
      }),
    );
}
