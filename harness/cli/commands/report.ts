import type { Command } from 'commander';
import { FieldworkError } from '../../core/errors.ts';
import type { RunAction } from '../command.ts';

/** Placeholder: replaced by the stage that owns `fieldwork report`. */
export function register(program: Command, run: RunAction): void {
  program
    .command('report')
    .description('(not implemented yet)')
    .action(
      run(() => {
        throw new FieldworkError('E_TODO', 'fieldwork report is not implemented yet.');
      }),
    );
}
