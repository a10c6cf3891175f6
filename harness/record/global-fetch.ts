import { AsyncLocalStorage } from 'node:async_hooks';

const current = new AsyncLocalStorage<typeof globalThis.fetch>();
let installs = 0;
let original: typeof globalThis.fetch | undefined;

/** Only http(s) traffic is recorded; `data:` / `blob:` URLs (the SDK probes `data:,`) pass through. */
export function isHttp(input: RequestInfo | URL): boolean {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  return /^https?:/i.test(url);
}

/**
 * Routes `globalThis.fetch` to the session of whichever variant is running (via
 * AsyncLocalStorage), so code that calls global fetch directly is recorded too, and parallel
 * variants never see each other's traffic. Outside a session it is the original fetch.
 * Returns the uninstall function; installs nest.
 */
export function installGlobalFetch(): () => void {
  if (installs++ === 0) {
    original = globalThis.fetch;
    const fallback = original;
    globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
      (isHttp(input) ? (current.getStore() ?? fallback) : fallback)(input, init)) as typeof globalThis.fetch;
  }
  let done = false;
  return () => {
    if (done) return;
    done = true;
    if (--installs === 0 && original) {
      globalThis.fetch = original;
      original = undefined;
    }
  };
}

/** Runs `fn` with global fetch bound to `fetch` for everything it awaits. */
export function withGlobalFetch<T>(fetch: typeof globalThis.fetch, fn: () => T): T {
  return current.run(fetch, fn);
}
