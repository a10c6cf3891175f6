import type { Command } from 'commander';
import { FieldworkError } from '../../core/errors.ts';
import type { RunAction } from '../command.ts';

/** Placeholder: replaced by the stage that owns `fieldwork typegen`. */
export function register(program: Command, run: RunAction): void {
  program
    .command('typegen')
    .description('(not implemented yet)')
    .action(
      run(() => {
        throw new FieldworkError('E_TODO', 'fieldwork typegen is not implemented yet.');
      }),
    );
}
