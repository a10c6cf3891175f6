/**
 * `fieldwork/vitest`: cassettes for users' own test suites.
 *
 * ```ts
 * import { useCassette } from 'fieldwork/vitest';
 * const cassette = useCassette('my-suite/summarize');
 * it('summarizes', async () => {
 *   const out = await summarize(cassette.client, 'some text');
 * });
 * ```
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { FieldworkError } from '../core/errors.ts';
import { installGlobalFetch, isHttp, withGlobalFetch } from '../record/global-fetch.ts';
import { openCassette, type Cassette, type CassetteOptions } from './cassette.ts';

export { openCassette, cassetteMode, type Cassette, type CassetteOptions } from './cassette.ts';
export { installGlobalFetch, withGlobalFetch };

/** What `useCassette` returns: usable inside tests (after beforeAll has run). */
export interface CassetteHandle {
  readonly client: Cassette['client'];
  readonly fetch: Cassette['fetch'];
  readonly mode: Cassette['mode'];
  readonly file: string;
}

/** Options of `useCassette`: those of `openCassette`, plus global fetch capture. */
export interface UseCassetteOptions extends CassetteOptions {
  /**
   * Also route `globalThis.fetch` (http/https only) through the cassette while this block runs,
   * for code under test that calls fetch directly. Default false.
   */
  globalFetch?: boolean;
}

/**
 * Binds the current `describe` block (or file) to one cassette: opens it in `beforeAll`, fails
 * any test that hit a missing recording with the message that says how to record it, and writes
 * the cassette in `afterAll` only when every test passed (a failing run never replaces it).
 */
export function useCassette(name: string, options: UseCassetteOptions = {}): CassetteHandle {
  let cassette: Cassette | undefined;
  let failed = false;
  let original: typeof globalThis.fetch | undefined;
  const get = (): Cassette => {
    if (!cassette) throw new FieldworkError('E_CASSETTE', `Cassette "${name}" is used outside a test (it opens in beforeAll).`);
    return cassette;
  };
  beforeAll(() => {
    const { globalFetch, ...rest } = options;
    const opened = openCassette(name, rest);
    cassette = opened;
    if (globalFetch) {
      const previous = globalThis.fetch;
      original = previous;
      globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
        isHttp(input) ? opened.fetch(input, init) : previous(input, init)) as typeof globalThis.fetch;
    }
  });
  afterEach((context) => {
    if (context.task.result?.state === 'fail') failed = true;
    if (cassette && cassette.session.missing.length > 0) {
      failed = true;
      cassette.assertNoMissing();
    }
  });
  afterAll(async () => {
    if (original) globalThis.fetch = original;
    await cassette?.close(!failed);
  });
  return {
    get client() {
      return get().client;
    },
    get fetch() {
      return get().fetch;
    },
    get mode() {
      return get().mode;
    },
    get file() {
      return get().file;
    },
  };
}
