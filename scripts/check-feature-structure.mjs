#!/usr/bin/env node
// Checks that every server feature folder keeps the file vocabulary of ARCHITECTURE.md:
// <feature>.ts, .contract.ts, .errors.ts, .repository.ts, .service.ts, .routes.ts, and tests
// beside them (<feature>[.<part>].test.ts). Anything else is a sign of a dumping ground.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'src', 'features');
const parts = ['', '.contract', '.errors', '.repository', '.service', '.routes'];
const problems = [];
for (const feature of fs.readdirSync(root)) {
  const dir = path.join(root, feature);
  if (!fs.statSync(dir).isDirectory()) {
    problems.push(`src/features/${feature}: only folders belong here (one folder per feature)`);
    continue;
  }
  if (!/^[a-z][a-z0-9-]*$/.test(feature))
    problems.push(`src/features/${feature}: feature names are kebab-case`);
  for (const file of fs.readdirSync(dir)) {
    const ok = parts.some((p) => file === `${feature}${p}.ts` || file === `${feature}${p}.test.ts`);
    if (!ok) {
      problems.push(
        `src/features/${feature}/${file}: not in the feature vocabulary (${parts.map((p) => `${feature}${p}.ts`).join(', ')}, and .test.ts beside them)`,
      );
    }
  }
}
if (problems.length) {
  console.error(
    `Feature folders must keep the file vocabulary:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  );
  process.exit(1);
}
console.log(`feature structure ok (${fs.readdirSync(root).length} features)`);
