import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../core/config.ts';
import { defineScenario } from './define.ts';
import { globToRegExp, matchesGlobs } from './discover.ts';
import { expandMatrix, variantSlug } from './matrix.ts';
import type { Matrix } from './types.ts';

const config = resolveConfig({ root: '/tmp' }, {});
const scenario = (matrix?: Matrix | ((c: typeof config) => Matrix)) =>
  defineScenario({ id: 'demo', description: 'd', endpoint: 'POST /v1/chat/completions', ...(matrix ? { matrix } : {}), run: async () => null });

describe('expandMatrix', () => {
  it.each([
    [undefined, ['demo/default']],
    [{}, ['demo/default']],
    [{ model: ['a'] }, ['demo/model=a']],
    [
      { stream: [false, true], model: ['gpt-4o-mini', 'gpt-4.1-mini'] },
      ['demo/model=gpt-4o-mini,stream=false', 'demo/model=gpt-4o-mini,stream=true', 'demo/model=gpt-4.1-mini,stream=false', 'demo/model=gpt-4.1-mini,stream=true'],
    ],
    [{ model: ['openai/gpt 4o'], n: [null, 2] }, ['demo/model=openai_gpt_4o,n=null', 'demo/model=openai_gpt_4o,n=2']],
  ] as const)('%j -> %j', (matrix, names) => {
    expect(expandMatrix(scenario(matrix as Matrix | undefined), config).map((v) => v.name)).toEqual(names);
  });

  it('does not depend on the order keys were written in', () => {
    const a = expandMatrix(scenario({ a: [1, 2], b: ['x'] }), config);
    const b = expandMatrix(scenario({ b: ['x'], a: [1, 2] }), config);
    expect(a).toEqual(b);
    expect(a[0]?.params).toEqual({ a: 1, b: 'x' });
  });

  it('builds a matrix from the config model lists', () => {
    expect(expandMatrix(scenario((c) => ({ model: c.models.small })), config).map((v) => v.name)).toEqual(['demo/model=gpt-4o-mini']);
  });

  it.each([
    [{ model: [] }, /has no values/],
    [{ model: ['a/b', 'a_b'] }, /share the recording name/],
  ])('rejects %j', (matrix, message) => {
    expect(() => expandMatrix(scenario(matrix as Matrix), config)).toThrow(message);
  });

  it('sorts keys in slugs', () => expect(variantSlug({ z: 1, a: true })).toBe('a=true,z=1'));
});

describe('defineScenario', () => {
  it.each([
    [{ id: 'Bad_Id' }, /kebab-case/],
    [{ endpoint: 'chat' }, /must look like/],
    [{ endpoint: [] }, /needs an endpoint/],
  ])('rejects %j', (patch, message) => {
    expect(() => defineScenario({ id: 'ok', description: '', endpoint: 'GET /v1/models', run: async () => null, ...patch } as never)).toThrow(message);
  });
});

describe('globs', () => {
  it.each([
    ['chat-*', 'chat-basic', true],
    ['chat-*', 'responses-basic', false],
    ['chat-basic/model=*', 'chat-basic/model=a,stream=true', true],
    ['chat-basic/model=b*', 'chat-basic/model=a', false],
    ['chat-basic/model=*', 'chat-basic', true],
    ['**', 'x/y', true],
  ])('%s matches %s: %s', (glob, name, expected) => {
    expect(matchesGlobs(name, [glob])).toBe(expected);
  });
  it('escapes regex characters', () => expect(globToRegExp('a.b+c').test('aXb+c')).toBe(false));
});
