/** Hosts that are OpenAI itself. */
const OPENAI_HOSTS = new Set(['api.openai.com']);

/** The host of an absolute URL, or null for path-only URLs. */
export function hostOf(url: string): string | null {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return null;
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

/**
 * Who served an exchange: the cassette's own label (`log._fieldwork.provider`) wins, then the
 * caller's `provider` option, then the host (`api.openai.com` is `openai`, any other host is named
 * as-is). Fixtures with no host come from projects that recorded OpenAI, so `openai`.
 */
export function providerFor(url: string, label: string | undefined, option: string | undefined): string {
  if (label) return label;
  if (option) return option;
  const host = hostOf(url);
  if (host === null) return 'openai';
  return OPENAI_HOSTS.has(host.toLowerCase()) ? 'openai' : host;
}
