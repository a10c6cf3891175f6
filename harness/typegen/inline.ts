import type { Report } from '../core/report.ts';
import { isRecord } from '../core/json.ts';
import { componentSchemas } from './closure.ts';

/**
 * Some operations answer with an inline schema (`oneOf` of components, as `POST
 * /audio/transcriptions` does), so the report names no component for them. Typegen gives each
 * such body a name, `PostAudioTranscriptionsResponse`, taken from the operation, and treats it as
 * one more component: spec types then cover every operation seen, not only the named ones.
 */

const pascal = (text: string): string =>
  text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase())
    .join('');

/** `POST /audio/transcriptions` -> `PostAudioTranscriptionsResponse`. */
export const inlineName = (operation: string): string => `${pascal(operation)}Response`;

/** The inline 2xx JSON response schema of an operation, straight from the document. */
function inlineSchema(document: Record<string, unknown>, operation: string): Record<string, unknown> | null {
  const [method, path] = operation.split(' ');
  const paths = document['paths'];
  const item = isRecord(paths) && path ? paths[path] : undefined;
  const op = isRecord(item) && method ? item[method.toLowerCase()] : undefined;
  const responses = isRecord(op) ? op['responses'] : undefined;
  if (!isRecord(responses)) return null;
  const status = Object.keys(responses).sort().find((s) => /^2\d\d$/.test(s));
  const response = status ? responses[status] : undefined;
  const content = isRecord(response) ? response['content'] : undefined;
  const json = isRecord(content) ? content['application/json'] : undefined;
  const schema = isRecord(json) ? json['schema'] : undefined;
  // A body that is only a string or bytes has no fields worth a type.
  return isRecord(schema) && !('$ref' in schema) && schema['type'] !== 'string' ? schema : null;
}

/**
 * The report and document typegen works on: body groups without a component name get their
 * operation's inline schema under `inlineName(operation)`. Inputs are not modified.
 */
export function withInlineSchemas(report: Report, document: Record<string, unknown>): { report: Report; document: Record<string, unknown> } {
  const schemas = componentSchemas(document);
  const added: Record<string, unknown> = {};
  const observations = report.observations.map((group) => {
    if (group.schema !== null || group.event !== null || group.key !== group.operation) return group;
    const name = inlineName(group.operation);
    const schema = inlineSchema(document, group.operation);
    if (!schema || (name in schemas && !(name in added))) return group;
    added[name] = schema;
    return { ...group, schema: name };
  });
  if (Object.keys(added).length === 0) return { report, document };
  const components = isRecord(document['components']) ? document['components'] : {};
  return {
    report: { ...report, observations },
    document: { ...document, components: { ...components, schemas: { ...schemas, ...added } } },
  };
}
