// The full audit of the synthetic site (crawl, store, every check, reports), in its own process
// so that its peak RSS is its own. Prints one JSON line.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { audit } from '../src/run/audit.ts';
import { recheck } from '../src/run/recheck.ts';
import { benchConfig } from './bench-config.ts';

const dir = mkdtempSync(join(tmpdir(), 'zwgk-bench-'));
const config = benchConfig(process.argv[2]);
const t0 = performance.now();
const { run } = await audit({
  config,
  asOf: '2022-11-15',
  outDir: join(dir, 'out'),
  dbFile: join(dir, 'bench.db'),
});
const ms = performance.now() - t0;
const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
// The store on disk once the audit is done (database and its write-ahead log).
const db = join(dir, 'bench.db');
const storeBytes = [db, `${db}-wal`].filter(existsSync).reduce((a, f) => a + statSync(f).size, 0);
// `zwgk recheck` of the stored crawl: every page extracted again, then the checks and reports.
const t1 = performance.now();
await recheck({
  runId: run.runId,
  config,
  dbFile: join(dir, 'bench.db'),
  outDir: join(dir, 'out2'),
});
const judgeMs = Math.round(performance.now() - t1);
// The store is ~100 MB at 10,000 pages and ~500 MB at 50,000: not left behind at every run.
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    pages: run.units[0].coverage.pagesFetched,
    ms: Math.round(ms),
    judgeMs,
    maxRssMb,
    storeBytes,
    findings: run.units[0].findings.length,
  }),
);
