// `npm run bench [-- --pages N] [-- --json]`: serves a synthetic site from a separate process
// and measures, in the same run, the full audit against the minimal baseline crawler.
// Prints pages/s and peak RSS of each and their ratio; --json prints one line.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { ROOT } from '../src/version.ts';

const { values } = parseArgs({ options: { pages: { type: 'string', default: '10000' }, json: { type: 'boolean', default: false } } });
const n = Number(values.pages);
const runTs = join(ROOT, 'bin/run-ts.mjs');
const log = (s: string) => !values.json && console.log(s);

const server = spawn(process.execPath, [runTs, join(ROOT, 'bench/server.ts'), String(n)], { stdio: ['ignore', 'pipe', 'inherit'] });
const [chunk] = (await once(server.stdout!, 'data')) as [Buffer];
const port = chunk.toString().trim();
log(`synthetic site: ${n} pages on 127.0.0.1:${port}`);

async function child(script: string): Promise<{ pages: number; ms: number; maxRssMb: number }> {
  const { stdout } = await promisify(execFile)(process.execPath, [runTs, join(ROOT, script), port], { maxBuffer: 1 << 24 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

try {
  const baseline = await child('bench/baseline.ts');
  log(`baseline (undici + cheerio/htmlparser2 + p-queue 32): ${baseline.pages} pages in ${(baseline.ms / 1000).toFixed(1)} s, peak RSS ${baseline.maxRssMb} MB`);
  const full = await child('bench/audit-child.ts');
  log(`full audit (crawl, store, checks, reports):         ${full.pages} pages in ${(full.ms / 1000).toFixed(1)} s, peak RSS ${full.maxRssMb} MB`);
  const pps = (r: { pages: number; ms: number }) => r.pages / (r.ms / 1000);
  const result = { pages: full.pages, pagesPerSecond: Math.round(pps(full)), baselinePagesPerSecond: Math.round(pps(baseline)), peakRssMb: full.maxRssMb };
  if (values.json) console.log(JSON.stringify(result));
  else {
    console.log(`pages/s: audit ${result.pagesPerSecond}, baseline ${result.baselinePagesPerSecond}, ratio ${(pps(full) / pps(baseline)).toFixed(2)} (target ≥ 0.6)`);
    console.log(`peak RSS: audit ${full.maxRssMb} MB, baseline ${baseline.maxRssMb} MB (target < 300 MB)`);
  }
} finally {
  server.kill();
}
