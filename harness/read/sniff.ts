import { looksLikeSse } from '../core/sse.ts';
import { isRecord, safeMessage, type ReadFormat } from './types.ts';

/** What sniffing found: a format plus the parsed document when sniffing had to parse it anyway. */
export type Sniffed =
  | { format: ReadFormat; json?: unknown; parsed: boolean }
  | { format: null; reason: string };

/** Classifies an already-parsed JSON document by its top-level keys. */
export function classifyJson(doc: unknown): ReadFormat {
  if (isRecord(doc)) {
    if (isRecord(doc['log']) && Array.isArray(doc['log']['entries'])) return 'har';
    if (Array.isArray(doc['Entries'])) return 'azure-proxy';
    if (Array.isArray(doc['interactions'])) return 'vcr-yaml';
    if (Array.isArray(doc['http_interactions'])) return 'ruby-vcr';
    if (isRecord(doc['request']) && isRecord(doc['response'])) return 'dd-trace-json';
  }
  return 'json-body';
}

const YAML_START = /^(?:%YAML[^\n]*\n)?(?:---\s*\n)?(?:#[^\n]*\n)*(interactions|http_interactions|version|recorded_with)\s*:/;

/**
 * Picks a reader from the content, not the file name: JSON documents by their keys (parsed once
 * and handed on), JSON lines, Jest snapshots, VCR YAML, raw SSE.
 */
export function sniff(text: string): Sniffed {
  const head = text.slice(0, 4096);
  const start = head.trimStart();
  const first = start[0];
  if (first === '{' || first === '[') {
    try {
      const json: unknown = JSON.parse(text);
      return { format: classifyJson(json), json, parsed: true };
    } catch (error) {
      if (isJsonLines(text)) return { format: 'json-lines', parsed: false };
      return { format: null, reason: `truncated or corrupt JSON (${safeMessage(error)})` };
    }
  }
  if (start.startsWith('// Jest Snapshot') || /^exports\[`/m.test(head)) return { format: 'jest-snapshot', parsed: false };
  if (YAML_START.test(start) || /^(?:http_)?interactions:/m.test(head)) return { format: 'vcr-yaml', parsed: false };
  if (looksLikeSse(start)) return { format: 'sse', parsed: false };
  if (start.length === 0) return { format: null, reason: 'empty file' };
  if (head.includes('\u0000')) return { format: null, reason: 'binary file, not a cassette' };
  return { format: null, reason: 'unknown format (not HAR, VCR, test-proxy, dd-trace, SSE, JSON lines or a JSON body)' };
}

/** Two or more lines, the first of which is a complete JSON value on its own. */
function isJsonLines(text: string): boolean {
  const newline = text.indexOf('\n');
  if (newline < 0 || text.slice(newline + 1).trim().length === 0) return false;
  try {
    JSON.parse(text.slice(0, newline));
    return true;
  } catch {
    return false;
  }
}
