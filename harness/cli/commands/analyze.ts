import type { Command } from 'commander';
import { FieldworkError } from '../../core/errors.ts';
import type { RunAction } from '../command.ts';

/** Placeholder: replaced by the stage that owns `fieldwork analyze`. */
export function register(program: Command, run: RunAction): void {
  program
    .command('analyze')
    .description('(not implemented yet)')
    .action(
      run(() => {
        throw new FieldworkError('E_TODO', 'fieldwork analyze is not implemented yet.');
      }),
    );
}
