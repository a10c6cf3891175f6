import { describe, expect, it } from 'vitest';
import { choiceAt, componentName, escapeSegment, getPointer } from './pointer.ts';

describe('componentName', () => {
  it.each<[string, string | null]>([
    ['#/components/schemas/CreateChatCompletionResponse', 'CreateChatCompletionResponse'],
    ['#/components/schemas/a~1b', 'a/b'],
    ['#/components/schemas/a~0b', 'a~b'],
    ['#/components/schemas/a~01', 'a~1'],
    ['#/components/schemas/A%20B', 'A B'],
    // A pointer into a component, or to another component section, names no component schema.
    ['#/components/schemas/Foo/properties/bar', null],
    ['#/components/schemas/', null],
    ['#/components/responses/Foo', null],
    ['#/$defs/Foo', null],
    ['other.yaml#/components/schemas/Foo', null],
  ])('%s -> %j', (pointer, name) => {
    expect(componentName(pointer)).toBe(name);
  });

  it.each(['Plain', 'a/b', 'a~b', '~1', 'A B'])('names the key getPointer finds for %j', (key) => {
    const document = { components: { schemas: { [key]: { type: 'string' } } } };
    const pointer = `#/components/schemas/${escapeSegment(key)}`;
    expect(getPointer(document, pointer)).toEqual({ type: 'string' });
    expect(componentName(pointer)).toBe(key);
    expect(choiceAt(document, pointer)?.name).toBe(key);
  });
});
