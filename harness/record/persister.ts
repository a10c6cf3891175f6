import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../core/write-atomic.ts';
import { FieldworkError } from '../core/errors.ts';
import type { Har } from '@pollyjs/persister';
import { FSPersister } from './polly.ts';
import { prettyStableJson } from './stable-json.ts';

/** Log-level metadata of every fieldwork cassette (`log._fieldwork`). */
export interface CassetteMeta {
  provider: string;
  scenario: string;
  /** The variant part of the name, e.g. `model=gpt-4o-mini,stream=true` (or `default`). */
  variant: string;
  params: Record<string, unknown>;
  /** Base URL recorded against, without credentials or query. */
  baseUrl: string;
  fieldworkVersion: string;
  sdkVersion: string;
}

/** `persisterOptions['fieldwork-fs']`: where this session's single cassette lives. */
export interface FieldworkPersisterOptions {
  file: string;
  /** `record` mode starts from an empty cassette instead of merging into the old one. */
  fresh: boolean;
  meta: CassetteMeta;
  /** The cassette already parsed by the caller (the runner reads its base URL first): not read again. */
  cassette?: Har;
}

/** Parses a cassette file; a file that is not JSON is a FieldworkError naming the file and the fix. */
export function readCassette(file: string): Har {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Har;
  } catch (error) {
    throw new FieldworkError(
      'E_CASSETTE_CORRUPT',
      `${file} is not valid JSON (${(error as Error).message}). Restore it from git or re-record it.`,
    );
  }
}

/**
 * persister-fs, narrowed to one HAR file per variant at a path we choose, written atomically
 * (temp file + rename in the same directory) as sorted, indented JSON so diffs stay readable.
 * Polly only calls `onSaveRecording` from `persist()` for pending requests; when a run fails the
 * session empties them first (session.ts `stop(false)`), so a failed or interrupted re-record
 * never touches the old cassette.
 */
export class FieldworkPersister extends FSPersister {
  static override readonly id = 'fieldwork-fs';

  get fieldwork(): FieldworkPersisterOptions {
    return (this.polly.config.persisterOptions as Record<string, unknown>)['fieldwork-fs'] as FieldworkPersisterOptions;
  }

  override async onFindRecording(): Promise<Har | null> {
    const { file, fresh, cassette } = this.fieldwork;
    if (fresh) return null;
    if (cassette) return cassette;
    return existsSync(file) ? readCassette(file) : null;
  }

  override async onSaveRecording(_recordingId: string, har: Har): Promise<void> {
    const { file, meta } = this.fieldwork;
    const data = JSON.parse(this.stringify(har)) as { log: Record<string, unknown> };
    data.log['_fieldwork'] = meta;
    writeFileAtomic(file, prettyStableJson(data));
  }

  override async onDeleteRecording(): Promise<void> {
    // Cassettes are only ever replaced whole by onSaveRecording; never deleted by Polly.
  }
}
