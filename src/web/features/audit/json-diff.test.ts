import { describe, expect, it } from 'vitest';
import { diffJson, flattenJson } from './json-diff.js';

describe('flattenJson', () => {
  it('names nested leaves by dotted paths, array items by index', () => {
    expect(
      Object.fromEntries(flattenJson({ a: 1, b: { c: 'x' }, d: [true, null], e: {} })),
    ).toEqual({
      a: '1',
      'b.c': '"x"',
      'd.0': 'true',
      'd.1': 'null',
      e: '{}',
    });
  });
});

describe('diffJson', () => {
  it('marks what was added, removed, changed and kept', () => {
    const before = { name: 'Siti', locale: 'id', grants: [{ role: 'buyer' }] };
    const after = { name: 'Siti A.', locale: 'id', disabled: true };
    expect(diffJson(before, after)).toEqual([
      { path: 'disabled', kind: 'added', after: 'true' },
      { path: 'grants.0.role', kind: 'removed', before: '"buyer"' },
      { path: 'locale', kind: 'unchanged', before: '"id"', after: '"id"' },
      { path: 'name', kind: 'changed', before: '"Siti"', after: '"Siti A."' },
    ]);
  });

  it('treats a missing side (a creation or a deletion) as empty', () => {
    expect(diffJson(null, { id: 7 })).toEqual([{ path: 'id', kind: 'added', after: '7' }]);
    expect(diffJson({ id: 7 }, null)).toEqual([{ path: 'id', kind: 'removed', before: '7' }]);
    expect(diffJson(null, null)).toEqual([]);
  });

  it('does not change its inputs', () => {
    const before = Object.freeze({ a: Object.freeze([1]) });
    expect(() => diffJson(before, { a: [2] })).not.toThrow();
  });
});
