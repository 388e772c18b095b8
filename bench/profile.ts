// `node bin/run-ts.mjs bench/profile.ts PORT`: audits the site served on PORT (bench/server.ts),
// then profiles a recheck of the stored crawl and prints the functions that take the most CPU.
// How the judging costs of `npm run bench` were found.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { audit } from '../src/run/audit.ts';
import { recheck } from '../src/run/recheck.ts';
import { benchConfig } from './bench-config.ts';
import { profiled, topFunctions } from './cpu-profile.ts';

const dir = mkdtempSync(join(tmpdir(), 'zwgk-profile-'));
const config = benchConfig(process.argv[2]);
const db = join(dir, 'p.db');
const { run } = await audit({ config, asOf: '2022-11-15', outDir: join(dir, 'o1'), dbFile: db });
const t0 = performance.now();
const { profile } = await profiled(() =>
  recheck({ runId: run.runId, config, dbFile: db, outDir: join(dir, 'o2') }),
);
const ms = performance.now() - t0;
rmSync(dir, { recursive: true, force: true });
console.log(
  `recheck of ${run.units[0].coverage.pagesFetched} pages: ${Math.round(ms)} ms; self time by function:`,
);
for (const [t, k] of topFunctions(profile)) console.log(`${String(t).padStart(7)} ms  ${k}`);
