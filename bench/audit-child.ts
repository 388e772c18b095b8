// The full audit of the synthetic site (crawl, store, every check, reports), in its own process
// so that its peak RSS is its own. Prints one JSON line.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProfile } from '../src/config/load.ts';
import { unitsFileSchema } from '../src/config/schema.ts';
import { audit } from '../src/run/audit.ts';
import { recheck } from '../src/run/recheck.ts';
import { ROOT } from '../src/version.ts';

const port = process.argv[2];
const dir = mkdtempSync(join(tmpdir(), 'zwgk-bench-'));
const units = unitsFileSchema.parse({
  contact: 'bench',
  network: { loopbackOnly: true },
  crawl: { concurrency: 32, delayMs: 0, maxPages: 1_000_000, maxDepth: 1000, timeLimitSec: 3600, maxLinkChecks: 100_000 },
  units: [{ id: 'bench', name: '示例市人民政府', kind: 'county', site: `http://www.bench.gov.cn:${port}/`, hosts: { 'www.bench.gov.cn': ['127.0.0.1'] } }],
});
const profileFile = join(ROOT, 'config/profiles/default.yaml');
const t0 = performance.now();
const config = { file: '(bench)', units, profile: loadProfile(profileFile), profileFile };
const { run } = await audit({ config, asOf: '2022-11-15', outDir: join(dir, 'out'), dbFile: join(dir, 'bench.db') });
const ms = performance.now() - t0;
const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
// The judging share of the time: the same checks and reports again over the stored crawl.
const t1 = performance.now();
await recheck({ runId: run.runId, config, dbFile: join(dir, 'bench.db'), outDir: join(dir, 'out2') });
const judgeMs = Math.round(performance.now() - t1);
console.log(JSON.stringify({ pages: run.units[0].coverage.pagesFetched, ms: Math.round(ms), judgeMs, maxRssMb, findings: run.units[0].findings.length }));
