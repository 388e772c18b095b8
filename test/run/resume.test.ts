// A run killed half way (kill -9 of the CLI process) and continued with `zwgk audit --resume`
// ends with the findings of a run that went through, under its own id, without fetching again
// the pages it had stored.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { main } from '../../src/cli.ts';
import { loadConfig } from '../../src/config/load.ts';
import { startDemoSites } from '../../src/demo/demo.ts';
import { audit } from '../../src/run/audit.ts';
import { Store } from '../../src/store/db.ts';
import { ROOT } from '../../src/version.ts';
import type { RunJson } from '../../src/contract/run.ts';

let demo: Awaited<ReturnType<typeof startDemoSites>>;
const dir = mkdtempSync(join(tmpdir(), 'zwgk-resume-'));
const configFile = join(dir, 'units.yaml');

beforeAll(async () => {
  demo = await startDemoSites();
  const { units, network } = demo.config.units;
  writeFileSync(
    configFile,
    stringify({
      contact: 'test',
      network,
      browser: { enabled: false },
      // Slow enough to be killed half way.
      crawl: {
        concurrency: 1,
        delayMs: 200,
        maxPages: 200,
        timeoutMs: 5000,
        recheckPauseMs: 20,
        homepageRetrySpreadMs: 30,
      },
      units,
    }),
  );
});
afterAll(() => demo.close());

const storedPages = (db: string): string[] => {
  let d: Database.Database | undefined;
  try {
    d = new Database(db, { readonly: true, fileMustExist: true });
    return d.prepare(`SELECT unit_id || ' ' || url FROM pages`).pluck().all() as string[];
  } catch {
    return []; // not created yet
  } finally {
    d?.close();
  }
};
const fingerprints = (run: RunJson) =>
  Object.fromEntries(run.units.map((u) => [u.id, u.findings.map((f) => f.fingerprint).sort()]));
// Requests over IPv4: the IPv6 probe asks for a sample of pages again over IPv6, by design.
const hitsNow = () =>
  new Map(
    demo.sites.flatMap((s, i) =>
      [...s.hits].map(([p, n]) => [`${i}${p}`, n - (s.hits6.get(p) ?? 0)]),
    ),
  );

it('continues a killed run to the findings of one that went through, fetching no stored page again', async () => {
  const through = await audit({
    config: loadConfig(configFile),
    asOf: '2022-11-15',
    outDir: join(dir, 'through'),
    dbFile: join(dir, 'through.db'),
  });
  const total = storedPages(join(dir, 'through.db')).length;
  expect(total).toBeGreaterThan(40);

  const db = join(dir, 'killed.db');
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'bin/zwgk.mjs'),
      'audit',
      '--config',
      configFile,
      '--as-of',
      '2022-11-15',
      '--db',
      db,
      '--out',
      join(dir, 'killed'),
    ],
    { env: { ...process.env, ZWGK_HOME: join(dir, 'home') }, stdio: 'ignore' },
  );
  const exited = new Promise((ok) => child.on('exit', ok));
  let stored: string[] = [];
  for (let i = 0; i < 1200; i++) {
    await new Promise((ok) => setTimeout(ok, 50));
    stored = storedPages(db);
    if (stored.length >= total / 2) break;
  }
  child.kill('SIGKILL');
  await exited;
  stored = storedPages(db);
  expect(stored.length).toBeGreaterThanOrEqual(total / 2);
  expect(stored.length).toBeLessThan(total);
  const before = new Store(db);
  const killedRun = before.runningRuns()[0];
  before.close();
  expect(killedRun).toBeDefined();

  const hitsAtKill = hitsNow();
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  let code: number;
  try {
    code = await main(['audit', '--resume', '--db', db]);
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
  expect(code).toBe(0);

  const after = new Store(db);
  try {
    expect(after.getRun(killedRun)!.status).toBe('complete');
    expect(after.runningRuns()).toEqual([]);
  } finally {
    after.close();
  }
  const resumed = JSON.parse(readFileSync(join(dir, 'killed', 'run.json'), 'utf8')) as RunJson;
  expect(resumed.runId).toBe(killedRun);
  expect(resumed.status).toBe('complete');
  expect(fingerprints(resumed)).toEqual(fingerprints(through.run));
  expect(resumed.units.map((u) => [u.id, u.score, u.verdict])).toEqual(
    through.run.units.map((u) => [u.id, u.score, u.verdict]),
  );
  // A page stored before the kill is not fetched again by the crawl (a homepage is asked for by
  // the probes).
  const hits = hitsNow();
  const homes = new Set(demo.config.units.units.map((u) => `${u.id} ${u.site}`));
  const refetched = stored
    .filter((p) => !homes.has(p))
    .map((p) => p.split(' ')[1])
    .filter((url) => {
      const u = new URL(url);
      const site = demo.sites.findIndex((s) => s.port === Number(u.port));
      if (site < 0) return false;
      const key = `${site}${u.pathname}`;
      return (hits.get(key) ?? 0) > (hitsAtKill.get(key) ?? 0);
    });
  expect(refetched).toEqual([]);
}, 180_000);
