import { describe, expect, it } from 'vitest';
import { loadCommands, requestedCommand } from './main.ts';

describe('requestedCommand', () => {
  const cases: Array<[string[], string | undefined]> = [
    [['analyze', 'recordings'], 'analyze'],
    [['--spec', 'x.yaml', 'analyze'], 'analyze'],
    [['--spec=x.yaml', 'typegen', '--check'], 'typegen'],
    [['--root', '/tmp/p', 'spec', 'sync'], 'spec'],
    [['--help'], undefined],
    [[], undefined],
    [['nonsense'], undefined],
    [['help', 'analyze'], undefined],
  ];
  it.each(cases)('%j -> %s', (argv, name) => {
    expect(requestedCommand(argv)).toBe(name);
  });
});

describe('loadCommands', () => {
  it('loads only the named command, or all of them for help', async () => {
    expect(await loadCommands(['read', 'x'])).toHaveLength(1);
    expect(await loadCommands(['--help'])).toHaveLength(9);
  });
});
