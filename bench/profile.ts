// `node bin/run-ts.mjs bench/profile.ts PORT`: audits the synthetic site served on PORT
// (bench/server.ts), then profiles a recheck of the stored crawl and prints the functions that
// take the most CPU. How the judging costs of `npm run bench` were found.
import { mkdtempSync, rmSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { audit } from '../src/run/audit.ts';
import { recheck } from '../src/run/recheck.ts';
import { benchConfig } from './bench-config.ts';

const dir = mkdtempSync(join(tmpdir(), 'zwgk-profile-'));
const config = benchConfig(process.argv[2]);
const db = join(dir, 'p.db');
const { run } = await audit({ config, asOf: '2022-11-15', outDir: join(dir, 'o1'), dbFile: db });

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.start');
const t0 = performance.now();
await recheck({ runId: run.runId, config, dbFile: db, outDir: join(dir, 'o2') });
const ms = performance.now() - t0;
const { profile } = await session.post('Profiler.stop');
rmSync(dir, { recursive: true, force: true });

const self = new Map<string, number>();
const time = new Map<number, number>();
profile.samples!.forEach((id, i) =>
  time.set(id, (time.get(id) ?? 0) + (profile.timeDeltas![i] ?? 0)),
);
for (const n of profile.nodes) {
  const f = n.callFrame;
  const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + (time.get(n.id) ?? 0));
}
console.log(
  `recheck of ${run.units[0].coverage.pagesFetched} pages: ${Math.round(ms)} ms; self time by function:`,
);
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
  console.log(`${String(Math.round(v / 1000)).padStart(7)} ms  ${k}`);
