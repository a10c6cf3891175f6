import { providerOfUrl } from '../core/provider.ts';

/**
 * Who served an exchange: the cassette's own label (`log._fieldwork.provider`) wins, then the
 * caller's `provider` option, then the host (`api.openai.com` is `openai`, any other host by its
 * name, as the recorder names it). Fixtures with no host come from projects that recorded OpenAI, so `openai`.
 */
export function providerFor(url: string, label: string | undefined, option: string | undefined): string {
  if (label) return label;
  if (option) return option;
  return providerOfUrl(url) ?? 'openai';
}
