// Runs `rpb solve` from source: npx tsx bench/solver/solve-cli.ts FILE [options]
import { solveCommand } from '../../src/cli/solve.js';

process.exitCode = await solveCommand.run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
});
