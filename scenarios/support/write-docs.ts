/** Rewrites docs/scenarios.md: `node bin/run-ts.mjs scenarios/support/write-docs.ts`. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCatalogue } from './docs.ts';

console.log(`wrote ${await writeCatalogue(resolve(fileURLToPath(import.meta.url), '../../..'))}`);
