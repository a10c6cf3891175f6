import { describe, expect, it } from 'vitest';
import { loadYaml } from './yaml-load.ts';

const bytes = (text: string): Buffer => Buffer.from(text);

/** Aliases nested `levels` deep, ten uses each: 10^levels nodes once expanded, a few lines of text. */
function aliasBomb(levels: number): string {
  const lines = ['l0: &l0 [secret, secret]'];
  for (let i = 1; i <= levels; i++) lines.push(`l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]`);
  return lines.join('\n') + '\n';
}

describe('loadYaml: cassette tags become plain data, nothing is executed', () => {
  it.each([
    ['VCR.py istr header key (apply)', 'a: !!python/object/apply:multidict._multidict.istr\n- Accept\n', { a: 'Accept' }],
    ['VCR.py istr as a complex key (new)', '? !!python/object/new:multidict._multidict.istr\n- Accept\n: - application/json\n', { Accept: ['application/json'] }],
    ['VCR.py !!binary', 'b: !!binary aGVs\n  bG8=\n', { b: bytes('hello') }],
    ['Ruby VCR !binary block', 'c: !binary |-\n  aGVs\n  bG8=\n', { c: bytes('hello') }],
    ['unknown local tag keeps its sequence', 'e: !ENV [CI, false]\n', { e: ['CI', false] }],
    ['unknown python tag keeps its mapping', 'p: !!python/object:os.system {cmd: ls}\n', { p: { cmd: 'ls' } }],
    ['unknown global tag keeps its scalar', 'g: !<tag:example.com,2000:x> 1\n', { g: '1' }],
    ['istr tag on a scalar keeps the scalar', 'k: !!python/object/apply:multidict._multidict.istr Accept\n', { k: 'Accept' }],
    ['timestamps stay strings (YAML 1.2 core)', 'd: 2024-05-01T10:00:00Z\n', { d: '2024-05-01T10:00:00Z' }],
    ['a repeated key keeps the last value', 'k: 1\nk: 2\n', { k: 2 }],
    ['merge keys are not applied', 'a: &a {x: 1}\nb:\n  <<: *a\n', { a: { x: 1 }, b: { '<<': { x: 1 } } }],
  ])('%s', (_name, text, value) => {
    const result = loadYaml(text);
    expect(result.error).toBeUndefined();
    expect(result.value).toEqual(value);
  });
});

describe('loadYaml: errors name a position and never quote the input', () => {
  it.each([
    ['unclosed flow sequence', 'a: 1\nb: [secret, 2\n', 3, 1],
    ['unterminated quoted string', 'a: 1\nb: "secret value\n', 3, 1],
    ['unknown alias', 'a: 1\nb: *secretalias\n', 2, 16],
    ['bad indentation', 'a:\n  b: 1\n c: secret\n', 3, 2],
    ['nesting beyond 1000 levels', `a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, 1, 1003],
    ['alias bomb (10^8 nodes once expanded)', aliasBomb(8), 1, 5],
  ])('%s', (_name, text, line, column) => {
    const result = loadYaml(text);
    expect(result.value).toBeNull();
    expect(result.error).toMatch(new RegExp(`^[A-Z_]+ at line ${line}, column ${column}$`));
    expect(result.error).not.toMatch(/secret/i);
    expect(result.errorOffset).toBeGreaterThanOrEqual(0);
  });

  it('a small alias tree is read with its aliases expanded', () => {
    expect(loadYaml(aliasBomb(2)).value).toMatchObject({ l2: Array(10).fill(Array(10).fill(['secret', 'secret'])) });
  });
});
