import type { CoverageGroup, FieldObservation, ObservationGroup } from '../core/report.ts';

/** Status of a path in the field explorer. */
export type FieldStatus = 'documented' | 'undocumented' | 'never';

/** One node of the field tree of a group; `field` is absent for never-observed paths. */
export interface FieldNode {
  name: string;
  path: string;
  status: FieldStatus;
  field?: FieldObservation;
  children: FieldNode[];
}

/** `choices[].message.content` -> [`choices`, `[]`, `message`, `content`]. */
export function pathTokens(path: string): string[] {
  return path.match(/\[\]|[^.[\]]+/g) ?? [];
}

function joinTokens(tokens: string[]): string {
  return tokens.reduce((acc, t) => (t === '[]' ? `${acc}[]` : acc ? `${acc}.${t}` : t), '');
}

/**
 * Builds the tree of paths for one group: observed fields (documented or not) plus documented
 * paths never observed. Missing intermediate nodes are created so every path has a parent.
 */
export function buildFieldTree(group: ObservationGroup, coverage?: CoverageGroup): FieldNode {
  const root: FieldNode = { name: group.schema ?? group.key, path: '', status: 'documented', children: [] };
  const byPath = new Map<string, FieldNode>([['', root]]);
  const ensure = (path: string, status: FieldStatus): FieldNode => {
    const existing = byPath.get(path);
    if (existing) return existing;
    const tokens = pathTokens(path);
    const parent = ensure(joinTokens(tokens.slice(0, -1)), status);
    const node: FieldNode = { name: tokens[tokens.length - 1] ?? path, path, status, children: [] };
    parent.children.push(node);
    byPath.set(path, node);
    return node;
  };
  for (const field of group.fields) {
    const node = ensure(field.path, field.documented ? 'documented' : 'undocumented');
    node.field = field;
    node.status = field.documented ? 'documented' : 'undocumented';
  }
  for (const path of coverage?.neverObserved ?? []) ensure(path, 'never');
  const sort = (node: FieldNode): void => {
    node.children.sort((a, b) => a.name.localeCompare(b.name));
    node.children.forEach(sort);
  };
  sort(root);
  return root;
}

/** Counts of each status in a tree, root excluded. */
export function countStatuses(node: FieldNode, acc: Record<FieldStatus, number> = { documented: 0, undocumented: 0, never: 0 }): Record<FieldStatus, number> {
  for (const child of node.children) {
    acc[child.status]++;
    countStatuses(child, acc);
  }
  return acc;
}
