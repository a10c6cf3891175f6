import { describe, expect, it } from 'vitest';
import { providerOfUrl } from './provider.ts';

describe('providerOfUrl', () => {
  it.each([
    ['https://api.openai.com/v1/chat/completions', 'openai'],
    ['https://API.OpenAI.com/v1', 'openai'],
    ['http://127.0.0.1:4010/v1', '127.0.0.1'],
    ['http://localhost:8080/v1', 'localhost'],
    ['https://api.anthropic.com/v1/messages', 'api.anthropic.com'],
    ['http://[::1]:9000/v1', '___1_'],
    ['/v1/chat/completions', null],
    ['not a url', null],
  ])('%s -> %s', (url, provider) => {
    expect(providerOfUrl(url)).toBe(provider);
  });
});
