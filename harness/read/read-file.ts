import { constants } from 'node:buffer';
import { readFileSync } from 'node:fs';
import type { ReadResult } from '../core/exchange.ts';
import { readAzureProxy } from './azure-proxy.ts';
import { decodeText } from './decode.ts';
import { readDdTrace } from './dd-trace.ts';
import { readJestSnapshot, readJsonBody, readJsonLines, readSseFixture } from './fixtures.ts';
import { readHar } from './har.ts';
import { classifyJson, sniff } from './sniff.ts';
import { addError, safeMessage, type ReadContext, type ReadFormat, type ReadOptions } from './types.ts';
import { readVcr } from './vcr.ts';
import { loadYaml } from './yaml-load.ts';

const MAX_STRING_LENGTH = constants.MAX_STRING_LENGTH;

/**
 * Reads one cassette already in memory: pure and synchronous (safe in a worker thread). Never
 * throws for bad input; problems become `errors` naming the file and entry.
 */
export function readBytes(file: string, data: Uint8Array | string, options: ReadOptions = {}): ReadResult {
  // A file longer than the longest string V8 can make cannot be decoded at all: say so, naming it,
  // instead of letting the decoder's RangeError end the whole run.
  if (typeof data !== 'string' && data.length > MAX_STRING_LENGTH) {
    const n = (x: number): string => x.toLocaleString('en-US');
    return fileError(file, null, `file is ${n(data.length)} bytes, longer than the longest string this runtime can hold (${n(MAX_STRING_LENGTH)} characters); split it into smaller cassettes`);
  }
  const decoded = typeof data === 'string' ? { text: data } : decodeText(data);
  let text = decoded.text;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const sniffed = options.format ? { format: options.format, parsed: false as const } : sniff(text);
  if (sniffed.format === null) {
    // Undecodable and unrecognisable: a binary file, and the encoding is the better explanation.
    if (decoded.problem !== undefined) {
      const at = decoded.badOffset === undefined ? '' : `; first invalid byte at offset ${decoded.badOffset}`;
      return fileError(file, null, `not UTF-8 text (a binary file, not a cassette${at})`);
    }
    return fileError(file, null, sniffed.reason);
  }
  const ctx: ReadContext = { file, format: sniffed.format, options, exchanges: [], errors: [] };
  // One error for the whole file; every entry is still read (bad bytes became U+FFFD).
  if (decoded.problem !== undefined) addError(ctx, null, decoded.problem);
  try {
    // JSON.parse never yields undefined, so undefined means "not parsed yet".
    dispatch(ctx, text, sniffed.parsed ? sniffed.json : undefined);
  } catch (error) {
    // A reader bug must not take down the whole run; report it against the file.
    addError(ctx, null, `internal reader error (${safeMessage(error)})`);
  }
  return { file, format: ctx.format, exchanges: ctx.exchanges, errors: ctx.errors };
}

/**
 * Reads one cassette file from disk (see `readBytes`). The read is synchronous on purpose: the
 * caller is busy analysing, so an async read only advances a step (open, stat, read, close) each
 * time the event loop gets a turn, between files; that idled a corpus run for ~6% of its time.
 */
export async function readFile(path: string, options: ReadOptions = {}): Promise<ReadResult> {
  let data: Uint8Array;
  try {
    data = readFileSync(path);
  } catch (error) {
    return fileError(path, null, `cannot read file (${safeMessage(error)})`);
  }
  return readBytes(path, data, options);
}

function fileError(file: string, format: ReadFormat | null, message: string): ReadResult {
  return { file, format, exchanges: [], errors: [{ file, entry: null, message }] };
}

/** Hands the text (or the document sniffing already parsed, if any) to the format's reader. */
function dispatch(ctx: ReadContext, text: string, json: unknown): void {
  switch (ctx.format) {
    case 'vcr-yaml':
    case 'ruby-vcr':
      // A VCR cassette sniffed as JSON is already parsed; otherwise it is YAML (JSON is YAML too).
      return json === undefined ? readYaml(ctx, text) : readVcr(ctx, json);
    case 'sse':
      return readSseFixture(ctx, text);
    case 'json-lines':
      return readJsonLines(ctx, text);
    case 'jest-snapshot':
      return readJestSnapshot(ctx, text);
  }
  // The rest are JSON documents; with --format, sniffing did not parse them.
  if (json === undefined) {
    try {
      json = JSON.parse(text);
    } catch (error) {
      addError(ctx, null, `truncated or corrupt JSON (${safeMessage(error)})`);
      return;
    }
  }
  switch (ctx.format) {
    case 'har':
      return readHar(ctx, json);
    case 'azure-proxy':
      return readAzureProxy(ctx, json);
    case 'dd-trace-json':
      return readDdTrace(ctx, json);
    case 'json-body':
      return readJsonBody(ctx, json);
  }
}

/**
 * VCR YAML. A truncated or corrupt file still yields the interactions before the damage: the text
 * is cut at the last interaction boundary before the first error and parsed again.
 */
function readYaml(ctx: ReadContext, text: string): void {
  let loaded = loadYaml(text);
  if (loaded.error) {
    addError(ctx, null, `YAML error: ${loaded.error}`);
    const salvage = salvageYaml(text, loaded.errorOffset ?? text.length);
    if (salvage === null) return;
    loaded = loadYaml(salvage.text);
    if (loaded.error) return;
    addError(ctx, salvage.broken, `interaction lost to the YAML error; ${salvage.broken} before it were read`);
  }
  const doc = loaded.value;
  const kind = classifyJson(doc);
  if (kind === 'ruby-vcr' || kind === 'vcr-yaml') ctx.format = kind;
  readVcr(ctx, doc);
}

/** The text before the interaction holding the error, and that interaction's index. */
function salvageYaml(text: string, errorOffset: number): { text: string; broken: number } | null {
  const boundary = /^ {0,2}- request:/gm;
  let cut = -1;
  let count = 0;
  for (const match of text.matchAll(boundary)) {
    if (match.index >= errorOffset) break;
    cut = match.index;
    count++;
  }
  return count >= 2 ? { text: text.slice(0, cut), broken: count - 1 } : null;
}
