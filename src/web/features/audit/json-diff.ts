/**
 * What an audited change changed: both sides flattened to dotted paths ("grants.0.role"), then
 * compared path by path. Pure, so it is tested without a browser.
 */
export type DiffKind = 'added' | 'removed' | 'changed' | 'unchanged';

export interface DiffRow {
  path: string;
  kind: DiffKind;
  before?: string;
  after?: string;
}

/** Leaves of a JSON value by path; the root value itself gets the path "" . */
export function flattenJson(value: unknown, prefix = '', into = new Map<string, string>()) {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value)
      ? value.map((item, index) => [String(index), item] as const)
      : Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) into.set(prefix, Array.isArray(value) ? '[]' : '{}');
    for (const [key, child] of entries) flattenJson(child, prefix ? `${prefix}.${key}` : key, into);
  } else if (value !== undefined) {
    into.set(prefix, JSON.stringify(value));
  }
  return into;
}

/** Rows sorted by path; unchanged rows are kept so the reader sees the whole record. */
export function diffJson(before: unknown, after: unknown): DiffRow[] {
  const left =
    before === null || before === undefined ? new Map<string, string>() : flattenJson(before);
  const right =
    after === null || after === undefined ? new Map<string, string>() : flattenJson(after);
  const paths = [...new Set([...left.keys(), ...right.keys()])].sort();
  return paths.map((path): DiffRow => {
    const was = left.get(path);
    const now = right.get(path);
    if (was === undefined) return { path, kind: 'added', after: now ?? '' };
    if (now === undefined) return { path, kind: 'removed', before: was };
    return { path, kind: was === now ? 'unchanged' : 'changed', before: was, after: now };
  });
}
