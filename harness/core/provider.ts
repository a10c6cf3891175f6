/** Hosts that are OpenAI itself. */
const OPENAI_HOSTS = new Set(['api.openai.com']);

/**
 * The provider name for the server behind a URL: `openai` for api.openai.com, otherwise its host
 * name, file-name safe. The port is left out, so a local server on a new port still finds its
 * recordings, and a cassette read back names the same provider the recorder wrote it under.
 * Null for path-only URLs (fixtures that never stored a host).
 */
export function providerOfUrl(url: string): string | null {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return null;
  let hostname: string;
  try {
    hostname = new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
  return OPENAI_HOSTS.has(hostname) ? 'openai' : hostname.replace(/[^a-z0-9.-]/g, '_');
}
