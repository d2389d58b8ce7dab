/**
 * The Kemendagri region dataset shipped in the npm package idn-area-data 3.1.2 (code MIT, data
 * ODbL 1.0; Kepmendagri 300.2.2-2138/2025). Migration 0004 seeds provinces, regencies and
 * districts; villages (83,763 rows) are read from here on demand, one district at a time, and
 * inserted into `regions` by the sites service.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

let villagesByDistrict: Map<string, { code: string; name: string }[]> | null = null;

function load(): Map<string, { code: string; name: string }[]> {
  const file = path.join(
    path.dirname(createRequire(import.meta.url).resolve('idn-area-data/package.json')),
    'data',
    'villages.csv',
  );
  const out = new Map<string, { code: string; name: string }[]>();
  const lines = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
  for (const line of lines.slice(1)) {
    const a = line.indexOf(',');
    const b = line.indexOf(',', a + 1);
    const district = line.slice(a + 1, b);
    let list = out.get(district);
    if (!list) out.set(district, (list = []));
    list.push({ code: line.slice(0, a), name: line.slice(b + 1).trim() });
  }
  return out;
}

/** The villages (desa/kelurahan) of a district code such as `11.16.01`; empty if unknown. */
export function villagesOf(districtCode: string): { code: string; name: string }[] {
  villagesByDistrict ??= load();
  return villagesByDistrict.get(districtCode) ?? [];
}
