// `npm run bench`: runs every bench/*.bench.ts (or .mjs) in turn, each in its own node process
// so one benchmark's heap does not colour the next one's memory numbers.
// Usage: node bench/run.mjs [name-filter]
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const filter = process.argv[2] ?? '';
const benches = readdirSync('bench')
  .filter((f) => /\.bench\.(ts|mjs)$/.test(f) && f.includes(filter))
  .sort();
let failed = 0;
for (const b of benches) {
  console.log(`\n=== ${b} ===`);
  const args = b.endsWith('.ts') ? ['--expose-gc', '--import', 'tsx', `bench/${b}`] : ['--expose-gc', `bench/${b}`];
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
console.log(`\n${benches.length - failed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
