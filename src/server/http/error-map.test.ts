import { describe, expect, it } from 'vitest';
import { allErrorCodes, cataloguesByName, messageOf } from './error-map.js';

describe('error catalogues', () => {
  it('never share a code (a later catalogue would silently replace the earlier message)', () => {
    const owner = new Map<string, string>();
    const shared: string[] = [];
    for (const [name, catalogue] of Object.entries(cataloguesByName)) {
      for (const code of Object.keys(catalogue)) {
        const first = owner.get(code);
        if (first) shared.push(`${code} (${first}, ${name})`);
        else owner.set(code, name);
      }
    }
    expect(shared).toEqual([]);
  });

  it('gives every code a status and a non-empty message in both languages', () => {
    const codes = allErrorCodes();
    const catalogued = Object.values(cataloguesByName).flatMap((c) => Object.keys(c));
    expect(new Set(codes)).toEqual(new Set(catalogued));
    for (const code of codes) {
      expect(messageOf(code, 'id').trim(), code).not.toBe('');
      expect(messageOf(code, 'en').trim(), code).not.toBe('');
    }
  });
});
