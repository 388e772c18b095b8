// `npm run bench:workers [-- --units 6 --pages 30 --tabs 2 --max-workers 3 --json]`: a
// render-heavy simulated city (every page rendered in Chromium) audited on 1, 2 and 3 `zwgk
// worker` processes over a Redis started here, each worker with `--tabs` browser tabs. Prints the
// wall time and pages/s for each, and the speed-up over one worker.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { loadConfig } from '../src/config/load.ts';
import { audit } from '../src/run/audit.ts';
import { ROOT } from '../src/version.ts';
import { cityUnits, type CityShape } from './city-site.ts';

const { values } = parseArgs({
  options: {
    units: { type: 'string', default: '6' },
    pages: { type: 'string', default: '30' },
    tabs: { type: 'string', default: '2' },
    'max-workers': { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
  },
});
const shape: CityShape = { shared: 0, own: Number(values.units), pages: Number(values.pages) };
const log = (s: string) => !values.json && console.log(s);
const runTs = join(ROOT, 'bin/run-ts.mjs');

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const { port } = s.address() as { port: number };
  await new Promise((ok) => s.close(ok));
  return port;
}

const children: ChildProcess[] = [];
const started = (c: ChildProcess) => (children.push(c), c);
const dir = mkdtempSync(join(tmpdir(), 'zwgk-workers-bench-'));
try {
  const site = started(
    spawn(
      process.execPath,
      [runTs, join(ROOT, 'bench/city-server.ts'), JSON.stringify(shape), '5'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    ),
  );
  const port = Number(((await once(site.stdout!, 'data')) as [Buffer])[0].toString().trim());
  const redisPort = await freePort();
  const redis = started(
    spawn(
      'redis-server',
      ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    ),
  );
  for (let out = ''; !out.includes('Ready to accept');)
    out += ((await once(redis.stdout!, 'data')) as [Buffer])[0].toString();
  const url = `redis://127.0.0.1:${redisPort}`;
  const file = join(dir, 'units.yaml');
  writeFileSync(
    file,
    stringify({
      contact: 'bench',
      network: { loopbackOnly: true, referenceHosts: [] },
      browser: {
        enabled: true,
        poolSize: Number(values.tabs),
        screenshots: 0,
        accessibilitySample: 0,
      },
      crawl: { concurrency: 2, delayMs: 0, maxPages: shape.pages * 2 },
      units: cityUnits(shape, port, { render: 'browser' }),
    }),
  );
  log(
    `${shape.own} units × ~${shape.pages} pages, every page rendered in Chromium; ${values.tabs} tabs per worker; ` +
      `this machine: 2 cores`,
  );
  const results: { workers: number; seconds: number; pages: number; pagesPerSecond: number }[] = [];
  for (let n = 1; n <= Number(values['max-workers']); n++) {
    const ws = Array.from({ length: n }, () =>
      started(
        spawn(process.execPath, [join(ROOT, 'bin/zwgk.mjs'), 'worker', '--redis', url], {
          stdio: 'ignore',
        }),
      ),
    );
    const t0 = performance.now();
    const { run } = await audit({
      config: loadConfig(file),
      asOf: '2022-11-15',
      outDir: join(dir, `out-${n}`),
      dbFile: join(dir, `run-${n}.db`),
      redis: url,
    });
    const seconds = (performance.now() - t0) / 1000;
    const pages = run.units.reduce((a, u) => a + (u.coverage.pagesRendered ?? 0), 0);
    results.push({
      workers: n,
      seconds: Math.round(seconds * 10) / 10,
      pages,
      pagesPerSecond: Math.round((pages / seconds) * 10) / 10,
    });
    log(
      `${n} worker(s): ${pages} pages rendered in ${seconds.toFixed(1)} s, ${(pages / seconds).toFixed(1)} pages/s, ` +
        `speed-up ${(results[0].seconds / seconds).toFixed(2)}×`,
    );
    for (const w of ws) w.kill('SIGTERM');
    await Promise.all(ws.map((w) => once(w, 'exit')));
  }
  if (values.json) console.log(JSON.stringify(results));
} finally {
  for (const c of children) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}
