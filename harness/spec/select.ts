/**
 * Schema selection for request and response bodies: by status (exact, `4XX`, `default`; error
 * statuses fall back to the spec's error schema) and by content type (JSON, event stream, binary).
 */

import { choiceAt, escapeSegment, getPointer } from './pointer.ts';
import type { OperationMatch, SchemaChoice } from './types.ts';
import { isRecord } from '../core/json.ts';
import { mediaType } from '../core/media-type.ts';

type Node = Record<string, unknown>;

/** The media type without parameters, lower-cased (one definition, in core; re-exported for spec's importers). */
export { mediaType };

/** JSON media types (`application/json`, `*+json`). */
export const isJsonType = (type: string): boolean => type === 'application/json' || type.endsWith('+json') || type === 'text/json';
/** Server-sent events. */
export const isEventStream = (type: string): boolean => type === 'text/event-stream';
/**
 * Anything that is neither JSON, an event stream, form data nor text: audio, images, zip, octet-stream.
 * This is schema selection's notion (no JSON schema applies, e.g. `application/xml` too), not
 * whether bytes are text: for that see `contentKind` in core/media-type.ts.
 */
export const isBinaryType = (type: string): boolean =>
  !isJsonType(type) && !isEventStream(type) && !type.startsWith('text/') && !type.startsWith('multipart/') && type !== 'application/x-www-form-urlencoded' && type !== 'application/sdp';

function isBinarySchema(schema: unknown): boolean {
  return isRecord(schema) && schema['type'] === 'string' && schema['format'] === 'binary';
}

/** Picks the media type entry of a `content` map for an actual content type. */
function pickContent(content: Node, contentType: string | null): string | null {
  const keys = Object.keys(content);
  if (keys.length === 0) return null;
  const type = mediaType(contentType);
  if (type === null) return keys.includes('application/json') ? 'application/json' : keys.length === 1 ? (keys[0] as string) : null;
  const lower = new Map(keys.map((k) => [k.toLowerCase(), k]));
  const exact = lower.get(type);
  if (exact) return exact;
  if (isJsonType(type)) return lower.get('application/json') ?? null;
  const wildcard = lower.get(`${type.split('/')[0]}/*`) ?? lower.get('*/*');
  if (wildcard) return wildcard;
  if (isBinaryType(type)) {
    // The spec says `application/octet-stream` where the server sends `audio/mpeg` or `image/png`.
    const binary = keys.find((k) => isBinaryType(k.toLowerCase()) || isBinarySchema((content[k] as Node | undefined)?.['schema']));
    return binary ?? null;
  }
  return null;
}

/** Resolves a `$ref` to `#/components/responses/X` or `#/components/requestBodies/X`. */
export function deref(document: unknown, node: unknown): { node: Node; pointer: string } | null {
  return isRecord(node) && typeof node['$ref'] === 'string' && isRecord(getPointer(document, node['$ref']))
    ? { node: getPointer(document, node['$ref']) as Node, pointer: node['$ref'] }
    : null;
}

function contentChoice(document: unknown, holder: Node, holderPointer: string, contentType: string | null): SchemaChoice | null {
  const resolved = deref(document, holder) ?? { node: holder, pointer: holderPointer };
  const content = resolved.node['content'];
  if (!isRecord(content)) return null;
  const key = pickContent(content, contentType);
  if (key === null) return null;
  const schemaPointer = `${resolved.pointer}/content/${escapeSegment(key)}/schema`;
  const choice = choiceAt(document, schemaPointer);
  if (!choice) return null;
  choice.contentType = key;
  const type = mediaType(contentType) ?? key.toLowerCase();
  if (isBinarySchema(choice.schema) || (isBinaryType(type) && !isEventStream(key))) choice.binary = true;
  return choice;
}

/** The operation object and its pointer. */
export function operationNode(document: Record<string, unknown>, op: OperationMatch): { node: Node; pointer: string } | null {
  const paths = document['paths'];
  if (!isRecord(paths)) return null;
  const key = op.pathKey ?? op.pathTemplate;
  const node = (paths[key] as Node | undefined)?.[op.method.toLowerCase()];
  return isRecord(node) ? { node, pointer: `#/paths/${escapeSegment(key)}/${op.method.toLowerCase()}` } : null;
}

/** Request body schema for the operation and content type. */
export function requestSchema(document: Record<string, unknown>, op: OperationMatch, contentType: string | null): SchemaChoice | null {
  const found = operationNode(document, op);
  const body = found?.node['requestBody'];
  if (!found || !isRecord(body)) return null;
  return contentChoice(document, body, `${found.pointer}/requestBody`, contentType);
}

/** Response keys in the order that wins: exact status, `4XX`, `default`. */
function responseKey(responses: Node, status: number): string | null {
  const keys = Object.keys(responses);
  const exact = keys.find((k) => k === String(status));
  if (exact) return exact;
  const range = keys.find((k) => k.toUpperCase() === `${Math.floor(status / 100)}XX`);
  if (range) return range;
  return keys.includes('default') ? 'default' : null;
}

/** The spec's generic error body (`ErrorResponse`: `{ error: Error }`). */
export function errorSchema(document: Record<string, unknown>): SchemaChoice | null {
  return choiceAt(document, '#/components/schemas/ErrorResponse');
}

/** Response body schema for status and content type; error statuses fall back to the error schema. */
export function responseSchema(document: Record<string, unknown>, op: OperationMatch, status: number, contentType: string | null): SchemaChoice | null {
  const found = operationNode(document, op);
  const responses = found?.node['responses'];
  if (found && isRecord(responses)) {
    const key = responseKey(responses, status);
    const response = key === null ? undefined : responses[key];
    if (key !== null && isRecord(response)) {
      const choice = contentChoice(document, response, `${found.pointer}/responses/${escapeSegment(key)}`, contentType);
      if (choice) return choice;
    }
  }
  const type = mediaType(contentType);
  if (status >= 400 && (type === null || isJsonType(type))) {
    const choice = errorSchema(document);
    if (choice) choice.contentType = 'application/json';
    return choice;
  }
  return null;
}
