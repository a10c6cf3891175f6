import { readFileSync } from 'node:fs';
import { VERSION as SDK_VERSION } from 'openai/version';

/** fieldwork's own version, stored in every cassette. */
export const FIELDWORK_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** The openai SDK version the cassettes were recorded with. */
export { SDK_VERSION };

/** A base URL safe to store: no credentials, query or fragment. */
export function safeBaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    parsed.hash = '';
    return parsed.href.replace(/\/$/, '');
  } catch {
    return '';
  }
}
