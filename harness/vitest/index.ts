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
import { installGlobalFetch, withGlobalFetch } from '../record/global-fetch.ts';
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

/**
 * Binds the current `describe` block (or file) to one cassette: opens it in `beforeAll`, fails
 * any test that hit a missing recording with the message that says how to record it, and writes
 * the cassette in `afterAll` only when every test passed (a failing run never replaces it).
 */
export function useCassette(name: string, options: CassetteOptions = {}): CassetteHandle {
  let cassette: Cassette | undefined;
  let failed = false;
  const get = (): Cassette => {
    if (!cassette) throw new FieldworkError('E_CASSETTE', `Cassette "${name}" is used outside a test (it opens in beforeAll).`);
    return cassette;
  };
  beforeAll(() => {
    cassette = openCassette(name, options);
  });
  afterEach((context) => {
    if (context.task.result?.state === 'fail') failed = true;
    if (cassette && cassette.session.missing.length > 0) {
      failed = true;
      cassette.assertNoMissing();
    }
  });
  afterAll(async () => {
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
