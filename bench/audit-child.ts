// The full audit of the bench site (crawl, store, every check, reports), in its own process so
// that its peak RSS is its own; `--profile` records the main thread's CPU profile meanwhile.
// Prints one JSON line.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { audit } from '../src/run/audit.ts';
import { recheck } from '../src/run/recheck.ts';
import { benchConfig } from './bench-config.ts';
import { callersOf, profiled, saveProfile, topFunctions } from './cpu-profile.ts';
import { withThreadCpu } from './thread-cpu.ts';

const dir = mkdtempSync(join(tmpdir(), 'zwgk-bench-'));
const config = benchConfig(process.argv[2]);
const wantProfile = process.argv.includes('--profile');
const t0 = performance.now();
const run = () =>
  audit({ config, asOf: '2022-11-15', outDir: join(dir, 'out'), dbFile: join(dir, 'bench.db') });
const [done, cpu] = await withThreadCpu(async () =>
  wantProfile ? await profiled(run) : { value: await run(), profile: undefined },
);
const { run: result, timing } = done.value;
const ms = performance.now() - t0;
const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
// The store on disk once the audit is done (database and its write-ahead log).
const db = join(dir, 'bench.db');
const storeBytes = [db, `${db}-wal`].filter(existsSync).reduce((a, f) => a + statSync(f).size, 0);
// `zwgk recheck` of the stored crawl: every page extracted again, then the checks and reports
// (left out with --no-recheck: at 50,000 pages it is as long again as the audit).
const t1 = performance.now();
if (!process.argv.includes('--no-recheck'))
  await recheck({
    runId: result.runId,
    config,
    dbFile: join(dir, 'bench.db'),
    outDir: join(dir, 'out2'),
  });
const judgeMs = process.argv.includes('--no-recheck')
  ? undefined
  : Math.round(performance.now() - t1);
// The store is ~100 MB at 10,000 pages and ~500 MB at 50,000: not left behind at every run.
rmSync(dir, { recursive: true, force: true });
const pages = result.units[0].coverage.pagesFetched;
const profile = done.profile
  ? {
      profile: saveProfile(done.profile, `audit-${pages}-${new Date().toISOString().slice(0, 10)}`),
      top: topFunctions(done.profile, 15),
      // Who reads back from the store: SQLite's row reads and brotli's inflating.
      callers: Object.fromEntries(
        ['get', 'writeSync'].map((fn) => [fn, callersOf(done.profile!, fn, 4)]),
      ),
    }
  : {};
console.log(
  JSON.stringify({
    pages,
    ms: Math.round(ms),
    judgeMs,
    maxRssMb,
    storeBytes,
    findings: result.units[0].findings.length,
    phases: timing,
    cpu,
    ...profile,
  }),
);
