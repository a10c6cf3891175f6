#!/usr/bin/env node
// The `fieldwork` command. The harness is TypeScript run through tsx's loader (no build step).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../harness/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
