import { Option, type Command } from 'commander';
import { modeFromEnv, type FieldworkOptions, type RecordMode } from '../../core/config.ts';
import { configFor, type RunAction } from '../command.ts';
import { runScenarioCommand, scenarioRunOptions, type ScenarioRunFlags } from '../scenario-run.ts';

interface RecordFlags extends ScenarioRunFlags {
  mode?: RecordMode;
  retries?: string;
}

/** `fieldwork record [scenario-glob...]`: runs scenarios through the recorder. */
export function register(program: Command, run: RunAction): void {
  program
    .command('record')
    .description(
      'Run scenarios against a target and store their traffic as HAR cassettes under ' +
        'recordings/<provider>/<scenario>/<variant>.har (secrets redacted, written atomically).',
    )
    .argument('[scenario-glob...]', 'scenario ids (`chat-*`) or variant names (`chat-basic/model=gpt-4o-mini`); default: all')
    .addOption(
      new Option('--target <target>', 'server to record against: aimock and prism are started on a free loopback port; openai needs OPENAI_API_KEY')
        .choices(['aimock', 'prism', 'openai', 'custom']),
    )
    .option('--base-url <url>', 'any OpenAI-compatible server (implies --target custom; provider = its host)')
    .addOption(
      new Option(
        '--mode <mode>',
        'record: re-record everything selected; new: record only missing cassettes/requests (default); replay: no network; passthrough: network, nothing stored. CI=true means replay unless given',
      ).choices(['record', 'new', 'replay', 'passthrough']),
    )
    .option('--concurrency <n>', 'variants recorded in parallel (each has its own Polly instance)')
    .option('--retries <n>', 'SDK retries while recording, honouring Retry-After (replay always uses 0)')
    .action(
      run(async (globs: string[], flags: RecordFlags, command: Command) => {
        const options: FieldworkOptions = scenarioRunOptions(flags);
        // Without a flag, `record` means `new` unless the environment (CI, FIELDWORK_MODE) decides.
        const mode = flags.mode ?? (modeFromEnv(process.env) ? undefined : 'new');
        if (mode) options.mode = mode;
        if (flags.retries) options.retries = Number.parseInt(flags.retries, 10);
        return runScenarioCommand(configFor(command, options), globs);
      }),
    );
}
