import { describe, expect, it } from 'vitest';
import { SUSPECT, suspect } from './sse-gaps.ts';

/** A small seeded generator (mulberry32), so a failing text can be reproduced from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = ['data:', 'event:', 'id:', 'retry:', ':', ' ', '\t', '\n', '\n\n', 'x', '{"a": 1}', 'data: ', ' data:', '\tevent:', ' id:', 'da', 'ta:', 'eventx:', '[DONE]'];

describe('suspect (the cheap test before the gap scan)', () => {
  it('answers exactly as the SUSPECT regex on 5,000 seeded random streams', () => {
    for (let seed = 1; seed <= 5000; seed++) {
      const next = random(seed);
      let text = '';
      const n = Math.floor(next() * 30);
      for (let i = 0; i < n; i++) text += TOKENS[Math.floor(next() * TOKENS.length)];
      expect(suspect(text), `seed ${seed}: ${JSON.stringify(text)}`).toBe(SUSPECT.test(text));
    }
  });

  it.each([
    ['a clean stream', 'data: {"a": 1}\n\ndata: [DONE]\n\n', false],
    ['a lost blank line', 'data: {"a": 1}\ndata: {"b": 2}\n\n', true],
    ['a comment between', 'data: {"a": 1}\n: keep-alive\nevent: x\n', true],
    ['YAML folding', 'event: delta data: {"a": 1}\n\n', true],
    ['CRLF (the regex decides)', 'data: {"a": 1}\r\ndata: {"b": 2}\r\n\r\n', true],
  ])('%s', (_name, text, want) => {
    expect(suspect(text)).toBe(want);
    expect(SUSPECT.test(text)).toBe(want);
  });

  it('agrees with the regex on a long real-looking stream', () => {
    const line = `data: ${JSON.stringify({ id: 'chatcmpl-1', choices: [{ delta: { content: 'hello world, data: not a field' } }] })}`;
    const clean = `${Array.from({ length: 500 }, () => line).join('\n\n')}\n\n`;
    expect(suspect(clean)).toBe(SUSPECT.test(clean));
    const broken = clean.replace('\n\n', '\n');
    expect(suspect(broken)).toBe(true);
  });
});
