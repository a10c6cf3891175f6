import { describe, expect, it } from 'vitest';
import { normaliseDocument } from './normalise.ts';

/** Normalises one component schema `S` and returns it (and the stats). */
function one(schema: Record<string, unknown>) {
  const document = { openapi: '3.1.0', paths: {}, components: { schemas: { S: schema } } };
  const stats = normaliseDocument(document);
  return { schema: document.components.schemas.S, stats };
}

const ref = { $ref: '#/components/schemas/X' };

describe('normaliseDocument', () => {
  it.each([
    ['type + nullable', { type: 'string', nullable: true }, { type: ['string', 'null'] }],
    ['type array + nullable', { type: ['string', 'integer'], nullable: true }, { type: ['string', 'integer', 'null'] }],
    ['enum + nullable adds null to the enum', { type: 'string', enum: ['a'], nullable: true }, { type: ['string', 'null'], enum: ['a', null] }],
    ['nullable: false is dropped', { type: 'string', nullable: false }, { type: 'string' }],
    ['$ref + nullable', { ...ref, nullable: true, description: 'd' }, { description: 'd', anyOf: [ref, { type: 'null' }] }],
    ['anyOf + nullable', { anyOf: [ref, { type: 'integer' }], nullable: true }, { anyOf: [ref, { type: 'integer' }, { type: 'null' }] }],
    ['oneOf + nullable', { oneOf: [ref], nullable: true }, { oneOf: [ref, { type: 'null' }] }],
    ['oneOf + nullable with a nullable branch', { oneOf: [{ type: 'string', nullable: true }, { type: 'array' }], nullable: true }, { oneOf: [{ type: ['string', 'null'] }, { type: 'array' }] }],
    ['allOf [$ref, {nullable}]', { allOf: [ref, { nullable: true }], description: 'd' }, { description: 'd', anyOf: [ref, { type: 'null' }] }],
    ['allOf of two + nullable', { allOf: [ref, { required: ['a'] }], nullable: true }, { anyOf: [{ allOf: [ref, { required: ['a'] }] }, { type: 'null' }] }],
    ['annotation-only + nullable accepts anything already', { description: 'any', nullable: true }, { description: 'any' }],
    ['exclusiveMinimum: true', { type: 'number', minimum: 0, exclusiveMinimum: true }, { type: 'number', exclusiveMinimum: 0 }],
    ['exclusiveMaximum: false', { type: 'number', maximum: 1, exclusiveMaximum: false }, { type: 'number', maximum: 1 }],
    ['duplicate required', { type: 'object', required: ['a', 'b', 'a'] }, { type: 'object', required: ['a', 'b'] }],
    ['items as an array (tuple)', { type: 'array', items: [{ type: 'string' }] }, { type: 'array', prefixItems: [{ type: 'string' }] }],
    ['x- extensions and example stay', { type: 'string', example: 'e', 'x-stainless-const': true }, { type: 'string', example: 'e', 'x-stainless-const': true }],
  ])('%s', (_name, input, expected) => {
    expect(one(input).schema).toEqual(expected);
  });

  it('rewrites nested schemas: properties, items, additionalProperties, unions', () => {
    const { schema, stats } = one({
      type: 'object',
      properties: { a: { type: 'string', nullable: true }, list: { type: 'array', items: { ...ref, nullable: true } } },
      additionalProperties: { type: 'integer', nullable: true },
      anyOf: [{ properties: { b: { type: 'number', minimum: 1, exclusiveMinimum: true } } }],
    });
    expect(schema).toEqual({
      type: 'object',
      properties: { a: { type: ['string', 'null'] }, list: { type: 'array', items: { anyOf: [ref, { type: 'null' }] } } },
      additionalProperties: { type: ['integer', 'null'] },
      anyOf: [{ properties: { b: { type: 'number', exclusiveMinimum: 1 } } }],
    });
    expect(stats).toMatchObject({ nullable: 3, exclusiveBounds: 1 });
  });

  it('turns $recursiveRef into a $ref to the schema that set $recursiveAnchor', () => {
    const { schema, stats } = one({ $recursiveAnchor: true, type: 'object', properties: { filters: { type: 'array', items: { oneOf: [ref, { $recursiveRef: '#' }] } } } });
    expect(schema).toEqual({ type: 'object', properties: { filters: { type: 'array', items: { oneOf: [ref, { $ref: '#/components/schemas/S' }] } } } });
    expect(stats.recursiveRefs).toBe(1);
  });

  it('finds schemas under paths (parameters, request bodies, responses) and reports stray keywords and formats', () => {
    const document = {
      openapi: '3.0.0',
      paths: {
        '/a': {
          get: {
            parameters: [{ name: 'n', in: 'query', schema: { type: 'integer', nullable: true } }],
            responses: { '200': { content: { 'application/json': { schema: { type: 'integer', format: 'unixtime', min_items: 2 }, example: { nullable: true } } } } },
          },
        },
      },
    };
    const stats = normaliseDocument(document);
    expect(document.paths['/a'].get.parameters[0]?.schema).toEqual({ type: ['integer', 'null'] });
    expect(document.paths['/a'].get.responses['200'].content['application/json'].example).toEqual({ nullable: true });
    expect(stats.formats).toEqual(['unixtime']);
    expect(stats.strayKeywords).toEqual(['#/paths/~1a/get/responses/200/content/application~1json/schema min_items']);
  });
});
