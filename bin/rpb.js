#!/usr/bin/env node
// The `rpb` command. Runs the compiled CLI (`npm run build` produces dist/); during
// development use `npx tsx src/cli/main.ts ...` instead.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(entry)) {
  console.error('error: RPB is not built yet — run `npm run build` first');
  process.exit(1);
}
const { main } = await import(entry);
process.exitCode = await main(process.argv.slice(2));
