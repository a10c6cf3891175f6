import { join } from 'node:path';
import type { RecordMode, TargetName } from '../core/config.ts';
import { FieldworkError } from '../core/errors.ts';
import { DEFAULT_VARIANT } from '../scenario/matrix.ts';

/** File extension of fieldwork cassettes (Polly HAR 1.2). */
export const CASSETTE_EXT = '.har';

/**
 * `recordings/<provider>/<scenario-id>/<variant>.har`, where variant is `model=gpt-4o-mini,stream=true`
 * (matrix keys sorted) or `default`. One Polly recording (one HAR) per variant.
 */
export function cassettePath(recordingsDir: string, provider: string, variantName: string): string {
  const { scenarioId, variant } = splitVariantName(variantName);
  return join(recordingsDir, provider, scenarioId, `${variant}${CASSETTE_EXT}`);
}

/** `chat-basic/model=a` -> scenario `chat-basic`, variant `model=a`; a bare id is the default variant. */
function splitVariantName(variantName: string): { scenarioId: string; variant: string } {
  const [scenarioId = variantName, ...rest] = variantName.split('/');
  return { scenarioId, variant: rest.join('/') || DEFAULT_VARIANT };
}

/** Shell-quotes one argument when it needs it (variant names contain `=` and `,`). */
function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:@-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The exact command that records one missing variant. */
export function recordCommand(variantName: string, target: TargetName, baseUrl: string | null): string {
  const targetFlag = target === 'custom' && baseUrl ? `--base-url ${shellQuote(baseUrl)}` : `--target ${target}`;
  return `npx fieldwork record ${shellQuote(variantName)} ${targetFlag} --mode new`;
}

/** The replay-lockdown failure: names scenario, variant, cassette and the command that records it. */
export function missingRecordingError(
  variantName: string,
  file: string,
  target: TargetName,
  baseUrl: string | null,
  request?: { method: string; url: string },
  mode: RecordMode = 'replay',
): FieldworkError {
  const { scenarioId, variant } = splitVariantName(variantName);
  const what = request ? `No recording of ${request.method} ${new URL(request.url).pathname} in ${file}` : `No recording at ${file}`;
  return new FieldworkError(
    'E_REPLAY_MISSING',
    `${what} for scenario "${scenarioId}", variant "${variant}" (mode ${mode}: network is locked). ` +
      `Record it with: ${recordCommand(variantName, target, baseUrl)}`,
  );
}
