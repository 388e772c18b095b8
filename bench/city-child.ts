// The audit of the simulated city in its own process (its wall time and RSS are its own).
// Prints one JSON line.
import { join } from 'node:path';
import { loadConfig } from '../src/config/load.ts';
import { audit } from '../src/run/audit.ts';

const [file, dir] = process.argv.slice(2);
const t0 = performance.now();
const { run } = await audit({
  config: loadConfig(file),
  asOf: '2022-11-15',
  outDir: join(dir, 'out'),
  dbFile: join(dir, 'city.db'),
});
console.log(
  JSON.stringify({
    ms: Math.round(performance.now() - t0),
    units: run.units.length,
    pages: run.units.reduce((a, u) => a + u.coverage.pagesFetched, 0),
    untested: run.units.filter((u) => u.score === null).length,
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
