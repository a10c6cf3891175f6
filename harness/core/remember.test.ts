import { describe, expect, it } from 'vitest';
import { remember } from './remember.ts';

describe('remember', () => {
  it('computes a key once while under the cap, and every time past it', () => {
    const map = new Map<string, string | null>();
    let made = 0;
    const make = (k: string): string | null => {
      made++;
      return k === 'none' ? null : k.toUpperCase();
    };
    expect(remember(map, 'a', 2, make)).toBe('A');
    expect(remember(map, 'a', 2, make)).toBe('A');
    expect(remember(map, 'none', 2, make)).toBeNull(); // null is a value, remembered like any other
    expect(remember(map, 'none', 2, make)).toBeNull();
    expect(made).toBe(2);
    expect(remember(map, 'b', 2, make)).toBe('B'); // the table is full: computed, not stored
    expect(remember(map, 'b', 2, make)).toBe('B');
    expect(made).toBe(4);
    expect([...map.keys()]).toEqual(['a', 'none']);
  });
});
