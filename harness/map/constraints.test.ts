import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { constraintsOf, violation } from './constraints.ts';

const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });

/** What Ajv itself says for the same schema and value: `keyword: message` per error. */
function ajvSays(schema: Record<string, unknown>, value: unknown): string[] {
  const validate = ajv.compile(schema);
  validate(value);
  return (validate.errors ?? []).map((e) => `${e.keyword}: ${e.message}`);
}

function walkerSays(schema: Record<string, unknown>, value: unknown): string[] {
  return constraintsOf(schema).flatMap((c) => {
    const m = violation(c, value);
    return m ? [`${c.keyword}: ${m}`] : [];
  });
}

// Each case: a schema with constraints and a value; the walker must agree with Ajv exactly.
const CASES: Array<[string, Record<string, unknown>, unknown]> = [
  ['minimum broken', { minimum: 256 }, 16],
  ['minimum held', { minimum: 256 }, 256],
  ['maximum broken', { maximum: 2 }, 2.5],
  ['exclusiveMinimum (2020 number)', { exclusiveMinimum: 0 }, 0],
  ['exclusiveMaximum (2020 number)', { exclusiveMaximum: 1 }, 1],
  ['multipleOf broken', { multipleOf: 3 }, 10],
  ['multipleOf held', { multipleOf: 0.5 }, 1.5],
  ['minLength in code points', { minLength: 2 }, '😀'],
  ['maxLength broken', { maxLength: 3 }, 'abcd'],
  ['pattern broken', { pattern: '^[a-z]+$' }, 'ABC'],
  ['pattern held', { pattern: '^file-' }, 'file-abc'],
  ['minItems broken', { minItems: 1 }, []],
  ['maxItems broken', { maxItems: 1 }, [1, 2]],
  ['uniqueItems with objects', { uniqueItems: true }, [{ a: 1 }, { b: 2 }, { a: 1 }]],
  ['uniqueItems held', { uniqueItems: true }, [[1], [2]]],
  ['minProperties broken', { minProperties: 1 }, {}],
  ['maxProperties broken', { maxProperties: 1 }, { a: 1, b: 2 }],
  ['number keyword on a string', { minimum: 1 }, 'x'],
  ['string keyword on a number', { maxLength: 1 }, 12345],
  ['several at once', { minimum: 10, multipleOf: 4 }, 6],
];

describe('value constraints', () => {
  it.each(CASES)('%s: same messages as Ajv', (_name, schema, value) => {
    expect(walkerSays(schema, value)).toEqual(ajvSays(schema, value));
  });

  it('reads the OpenAPI 3.0 boolean form as an exclusive bound', () => {
    expect(walkerSays({ minimum: 0, exclusiveMinimum: true }, 0)).toEqual(['exclusiveMinimum: must be > 0']);
    expect(walkerSays({ maximum: 1, exclusiveMaximum: true }, 0.5)).toEqual([]);
  });

  it('ignores a pattern that does not compile instead of failing the walk', () => {
    expect(walkerSays({ pattern: '(' }, 'x')).toEqual([]);
  });
});
