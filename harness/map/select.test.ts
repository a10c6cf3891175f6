import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../spec/types.ts';
import { SchemaViews } from './schema-view.ts';
import { resolveFor } from './select.ts';

// Small hand-made schemas: three pets told apart by `pet_type`. Cat and Dog leave `pet_type` a plain
// string (only the mapping or the component name can name them), Lizard's enum also claims 'dog'
// so the tests can see that an explicit mapping wins over an enum.
const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const components: Record<string, JsonSchema> = {
  Cat: { type: 'object', properties: { pet_type: { type: 'string' }, type: { type: 'string' }, meow: { type: 'integer' } } },
  Dog: { type: 'object', properties: { pet_type: { type: 'string' }, type: { type: 'string' }, bark: { type: 'boolean' } } },
  Lizard: { type: 'object', properties: { pet_type: { type: 'string', enum: ['lizard', 'dog'] }, scales: { type: 'integer' } } },
  CatAlias: ref('Cat'),
};
const resolveRef = (r: string): JsonSchema | undefined =>
  r.startsWith('#/components/schemas/') ? components[r.slice('#/components/schemas/'.length)] : undefined;

const pets = [ref('Cat'), ref('Dog'), ref('Lizard')];
const mapping = {
  kitty: '#/components/schemas/Cat', // a pointer
  dog: 'Dog', // a bare component name; beats Lizard's enum
  tabby: '#/components/schemas/CatAlias', // an alias of a branch: compared after resolving
  ghost: '#/components/schemas/Missing', // points nowhere: ignored
};
const unions: Record<string, JsonSchema> = {
  mapped: { oneOf: pets, discriminator: { propertyName: 'pet_type', mapping } },
  declared: { oneOf: pets, discriminator: { propertyName: 'pet_type' } },
  // The discriminator (with its mapping) comes from an allOf part, the union from the schema itself.
  inherited: { allOf: [{ discriminator: { propertyName: 'pet_type', mapping } }], oneOf: pets },
  declaredType: { anyOf: [ref('Cat'), ref('Dog')], discriminator: { propertyName: 'type' } },
  undeclared: { anyOf: [ref('Cat'), ref('Dog')] },
};

describe('resolveFor: discriminator branch choice', () => {
  const cases: Array<{ union: string; value: Record<string, unknown>; picks: string; why: string }> = [
    { union: 'mapped', value: { pet_type: 'kitty', bark: true }, picks: 'Cat', why: 'mapping to a $ref beats structure' },
    { union: 'mapped', value: { pet_type: 'dog', scales: 3 }, picks: 'Dog', why: 'bare-name mapping beats an enum and structure' },
    { union: 'mapped', value: { pet_type: 'tabby', bark: true }, picks: 'Cat', why: 'mapping target is an alias of a branch' },
    { union: 'mapped', value: { pet_type: 'lizard', meow: 1 }, picks: 'Lizard', why: 'no mapping entry: enum rule' },
    { union: 'mapped', value: { pet_type: 'Dog', meow: 1 }, picks: 'Dog', why: 'no mapping, no enum: implicit component name' },
    { union: 'mapped', value: { pet_type: 'ghost', bark: true }, picks: 'Dog', why: 'mapping to a missing schema falls back to structure' },
    { union: 'mapped', value: { pet_type: 'cow', meow: 1 }, picks: 'Cat', why: 'unknown value: structure' },
    { union: 'declared', value: { pet_type: 'dog', bark: true }, picks: 'Lizard', why: 'without a mapping the enum rule decides' },
    { union: 'declared', value: { pet_type: 'Cat', bark: true }, picks: 'Cat', why: 'implicit component name beats structure' },
    { union: 'inherited', value: { pet_type: 'dog', scales: 3 }, picks: 'Dog', why: 'mapping merged in from allOf' },
    { union: 'declaredType', value: { type: 'Dog', meow: 1 }, picks: 'Dog', why: 'declared `type` discriminator: implicit name' },
    { union: 'undeclared', value: { type: 'Dog', meow: 1 }, picks: 'Cat', why: 'no declared discriminator: no implicit name rule' },
  ];
  it.each(cases.map((c) => ({ ...c, label: JSON.stringify(c.value) })))('$union $label -> $picks ($why)', ({ union, value, picks }) => {
    const views = new SchemaViews(resolveRef, components);
    expect(resolveFor(views, unions[union]!, value).name).toBe(picks);
  });

  it('reads the mapping into the view, and only string targets', () => {
    const views = new SchemaViews(resolveRef, components);
    expect(views.view(unions['mapped']!).discriminatorMapping).toEqual(new Map(Object.entries(mapping)));
    expect(views.view(unions['declared']!).discriminatorMapping).toBeNull();
    const odd = { oneOf: pets, discriminator: { propertyName: 'pet_type', mapping: { a: 1, b: 'Dog' } } };
    expect(views.view(odd).discriminatorMapping).toEqual(new Map([['b', 'Dog']]));
  });
});
