// Worker thread entry: TypeScript runs through tsx's loader (as in bin/run-ts.mjs), so it must be
// registered in the worker before the analysis module is imported.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
