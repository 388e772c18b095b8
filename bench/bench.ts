// `npm run bench [-- --pages N] [-- --uniform] [-- --json]`: serves a site from a separate
// process and measures, in the same run, the full audit against the minimal baseline crawler.
// The site is made of real pages (real-site.ts: articles, normative documents, 解读, annual
// reports, lists, a guide, their links rewritten into it); --uniform serves the synthetic pages
// of site.ts instead, all alike. Prints pages/s, the audit's phases, peak RSS and the store's
// size; --json prints one line. --pages 50000 gives the flatness figure; --profile saves a CPU
// profile of the audit's main thread (bench/profiles/, open it in Chrome's DevTools);
// --no-recheck leaves out the recheck of the stored crawl (as long again as the audit).
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { ROOT } from '../src/version.ts';
import { zwgkNodeFlags } from './bench-config.ts';
import type { ThreadCpu } from './thread-cpu.ts';

const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: '10000' },
    repeat: { type: 'string', default: '2' },
    json: { type: 'boolean', default: false },
    uniform: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    'no-recheck': { type: 'boolean', default: false },
  },
});
// This VM's timings vary by ±25% run to run: each crawler runs `repeat` times, alternating, and
// the median counts. Each audit is also set against the baseline run just before it: the
// machine's speed drifts over minutes, and a pair shares it, so the pairs' median ratio is the
// steadier figure. Both are printed.
const repeat = Math.max(1, Number(values.repeat));
const n = Number(values.pages);
const runTs = join(ROOT, 'bin/run-ts.mjs');
const log = (s: string) => !values.json && console.log(s);

const kind = values.uniform ? 'uniform' : 'real';
const server = spawn(process.execPath, [runTs, join(ROOT, 'bench/server.ts'), String(n), kind], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const [chunk] = (await once(server.stdout!, 'data')) as [Buffer];
const port = chunk.toString().trim();
log(
  `${kind === 'real' ? 'site of real pages' : 'uniform synthetic site'}: ${n} pages on 127.0.0.1:${port}`,
);

// The audit runs with the zwgk command's own V8 flags (bin/zwgk.mjs), as its bundle
// (bin/run-ts.mjs). The baseline gets its heap
// cap and V8's defaults otherwise: without the cap V8 lets the heap of either grow to ~480 MB of
// garbage around ~65 MB of live data; the smaller young generation would slow the baseline.
const flags = (script: string) =>
  script.includes('baseline') ? ['--max-old-space-size=1024'] : zwgkNodeFlags();

async function child(script: string, extra: string[] = []): Promise<Result> {
  const args = [...flags(script), runTs, join(ROOT, script), port, ...extra];
  const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 1 << 24 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

type Result = {
  pages: number;
  ms: number;
  maxRssMb: number;
  judgeMs?: number;
  storeBytes?: number;
  findings?: number;
  phases?: Record<string, number>;
  cpuMs?: number;
  cpu?: ThreadCpu;
  profile?: string;
  top?: [number, string][];
  callers?: Record<string, [number, string][]>;
};
const median = (values: number[]) => {
  const xs = [...values].sort((a, b) => a - b);
  return xs.length % 2 ? xs[(xs.length - 1) / 2] : (xs[xs.length / 2 - 1] + xs[xs.length / 2]) / 2;
};
const pps = (r: Result) => r.pages / (r.ms / 1000);

try {
  const baselines: Result[] = [];
  const audits: Result[] = [];
  for (let i = 0; i < repeat; i++) {
    const b = await child('bench/baseline.ts');
    baselines.push(b);
    log(
      `baseline (undici + cheerio/htmlparser2 + p-queue 32): ${b.pages} pages in ${(b.ms / 1000).toFixed(1)} s, peak RSS ${b.maxRssMb} MB`,
    );
    const profile = values.profile && i === 0 ? ['--profile'] : [];
    const recheck = values['no-recheck'] ? ['--no-recheck'] : [];
    const a = await child('bench/audit-child.ts', [...profile, ...recheck]);
    audits.push(a);
    log(
      `full audit (crawl, store, checks, reports):         ${a.pages} pages in ` +
        `${(a.ms / 1000).toFixed(1)} s, peak RSS ${a.maxRssMb} MB, ${a.findings} findings; ` +
        (a.judgeMs === undefined
          ? 'no recheck'
          : `recheck (extract again, judge): ${(a.judgeMs / 1000).toFixed(1)} s`),
    );
    const s = (ms = 0) => `${(ms / 1000).toFixed(1)} s`;
    if (a.phases)
      log(
        `  phases: crawl ${s(a.phases.crawlMs)} (extraction ${s(a.phases.extractMs)} of ` +
          `thread time), probes ${s(a.phases.probeMs)}, judging ${s(a.phases.judgeMs)}, ` +
          `reports ${s(a.phases.reportMs)}`,
      );
    if (a.cpu && b.cpuMs)
      log(
        `  CPU: audit ${s(a.cpu.totalMs)} (this thread ${s(a.cpu.mainMs)}, threads it started ` +
          `${s(a.cpu.startedMs)}, V8's helpers (garbage collection, compiling) and libuv's ` +
          `${s(a.cpu.helpersMs)}), baseline ${s(b.cpuMs)} (ratio ` +
          `${(b.cpuMs / a.cpu.totalMs).toFixed(2)})`,
      );
    if (a.profile) {
      log(`  CPU profile of the audit's main thread: ${a.profile}; self time by function:`);
      for (const [t, k] of a.top ?? []) log(`  ${String(t).padStart(7)} ms  ${k}`);
      for (const [fn, rows] of Object.entries(a.callers ?? {})) {
        log(`  ${fn} (native) by caller:`);
        for (const [t, k] of rows) log(`  ${String(t).padStart(7)} ms  ${k}`);
      }
    }
  }
  const pairRatios = audits.map((a, i) => Number((pps(a) / pps(baselines[i])).toFixed(2)));
  // The baseline's CPU against the audit's, pair by pair: the machine's speed moves both alike.
  const cpuRatios = audits.flatMap((a, i) => {
    const b = baselines[i].cpuMs;
    return a.cpu && b ? [Number((b / a.cpu.totalMs).toFixed(2))] : [];
  });
  const result = {
    pages: audits[0].pages,
    pagesPerSecond: Math.round(median(audits.map(pps))),
    baselinePagesPerSecond: Math.round(median(baselines.map(pps))),
    peakRssMb: Math.max(...audits.map((a) => a.maxRssMb)),
    storeBytes: audits[0].storeBytes ?? 0,
    findings: audits[0].findings,
    phases: audits[0].phases,
    site: kind,
    pairRatios,
    cpuRatios,
  };
  if (values.json) console.log(JSON.stringify(result));
  else {
    console.log(
      `pages/s (median of ${repeat}): audit ${result.pagesPerSecond}, baseline ` +
        `${result.baselinePagesPerSecond}, ratio ` +
        `${(result.pagesPerSecond / result.baselinePagesPerSecond).toFixed(2)} (target ≥ 0.6)`,
    );
    console.log(
      `ratio of each audit to the baseline run before it: ${pairRatios.join(', ')} ` +
        `(median ${median(pairRatios).toFixed(2)})`,
    );
    if (cpuRatios.length)
      console.log(
        `CPU of the baseline against the audit's, pair by pair: ${cpuRatios.join(', ')} ` +
          `(median ${median(cpuRatios).toFixed(2)})`,
      );
    console.log(
      `peak RSS: audit ${result.peakRssMb} MB, baseline ${Math.max(...baselines.map((b) => b.maxRssMb))} MB (target < 300 MB)`,
    );
    console.log(
      `store: ${(result.storeBytes / 1e6).toFixed(1)} MB, ` +
        `${(result.storeBytes / result.pages / 1024).toFixed(1)} KB a page (target ≤ 12 KB)`,
    );
  }
} finally {
  server.kill();
}
