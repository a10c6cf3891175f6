/**
 * Operation matching: method + URL against the spec's path templates. Accepts absolute URLs and
 * bare paths, with or without `/v1` (and Azure's `/openai/deployments/{name}` prefix), trailing
 * slashes, and spec path keys that carry a query (`/responses?beta=true`).
 */

import type { OperationMatch } from './types.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface Route {
  method: string;
  /** Key in `paths`, query included (`/responses?beta=true`). */
  pathKey: string;
  template: string;
  segments: string[];
  /** Query pairs the key requires, e.g. `{ beta: 'true' }`. */
  query: Record<string, string>;
  operationId: string | null;
  /** Literal segments weigh more than parameters, earlier ones most. */
  rank: number;
}

function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

/** Path candidates for a request URL, most specific prefix removal first. */
export function candidatePaths(url: string): { paths: string[]; query: URLSearchParams } {
  let parsed: URL;
  try {
    parsed = new URL(url, 'http://fieldwork.invalid');
  } catch {
    return { paths: [], query: new URLSearchParams() };
  }
  const segments = splitPath(parsed.pathname).map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  const paths = new Set<string>();
  const deployment = segments.indexOf('deployments');
  if (segments[0] === 'openai' && deployment === 1 && segments.length > 3) paths.add(segments.slice(3).join('/'));
  const v1 = segments.indexOf('v1');
  if (v1 >= 0) paths.add(segments.slice(v1 + 1).join('/'));
  paths.add(segments.join('/'));
  if (segments[0] === 'openai') paths.add(segments.slice(1).join('/'));
  return { paths: [...paths].map((p) => `/${p}`), query: parsed.searchParams };
}

/** The route table built once per spec. */
export class OperationTable {
  private readonly routes: Route[] = [];

  constructor(paths: Record<string, unknown>) {
    for (const [pathKey, item] of Object.entries(paths)) {
      if (typeof item !== 'object' || item === null) continue;
      const [template = pathKey, queryText = ''] = pathKey.split('?', 2);
      const segments = splitPath(template);
      const query = Object.fromEntries(new URLSearchParams(queryText));
      const rank = segments.reduce((sum, s, i) => sum + (s.startsWith('{') ? 0 : 2 ** Math.max(0, 30 - i)), 0);
      for (const method of METHODS) {
        const op = (item as Record<string, unknown>)[method];
        if (typeof op !== 'object' || op === null) continue;
        const operationId = (op as Record<string, unknown>)['operationId'];
        this.routes.push({
          method: method.toUpperCase(),
          pathKey,
          template: `/${segments.join('/')}`,
          segments,
          query,
          operationId: typeof operationId === 'string' ? operationId : null,
          rank,
        });
      }
    }
  }

  /** Every operation, as matches without params (for coverage reports and examples). */
  all(): OperationMatch[] {
    return this.routes.map((r) => this.toMatch(r, {}));
  }

  match(method: string, url: string): OperationMatch | null {
    const verb = method.toUpperCase();
    const { paths, query } = candidatePaths(url);
    for (const path of paths) {
      const parts = splitPath(path);
      let best: { route: Route; params: Record<string, string>; score: number } | null = null;
      for (const route of this.routes) {
        if (route.method !== verb || route.segments.length !== parts.length) continue;
        const params = bind(route.segments, parts);
        if (!params) continue;
        const queryKeys = Object.entries(route.query);
        const queryOk = queryKeys.every(([k, v]) => query.get(k) === v);
        // A query-keyed route wins when its query is present and loses (but still matches) when not.
        const score = route.rank * 4 + (queryKeys.length === 0 ? 1 : queryOk ? 2 : 0);
        if (!best || score > best.score) best = { route, params, score };
      }
      if (best) return this.toMatch(best.route, best.params);
    }
    return null;
  }

  private toMatch(route: Route, params: Record<string, string>): OperationMatch {
    return {
      key: `${route.method} ${route.template}`,
      method: route.method,
      pathTemplate: route.template,
      operationId: route.operationId,
      params,
      pathKey: route.pathKey,
    };
  }
}

function bind(template: string[], parts: string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const t = template[i] as string;
    const p = parts[i] as string;
    if (t.startsWith('{') && t.endsWith('}')) params[t.slice(1, -1)] = p;
    else if (t !== p) return null;
  }
  return params;
}
