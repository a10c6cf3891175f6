/**
 * Reading cassettes: any supported format in, `ReadResult` (exchanges + errors) out.
 * `readFile` reads one file, `readInputs` streams files and directories, `readBytes` is the pure
 * core for callers that already hold the bytes (worker threads, tests).
 */
export { readBytes, readFile } from './read-file.ts';
export { listInputs, readInputs } from './inputs.ts';
export { sniff } from './sniff.ts';
export { inferEndpoint, parseEndpoint } from './endpoint.ts';
export { READ_FORMATS, type ReadFormat, type ReadOptions } from './types.ts';
