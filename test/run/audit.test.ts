// Sites that fail in every way a real one does: the run completes in bounded time and reports
// each for what it is; an interrupted run keeps what it had and says so.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { closedPort } from '../helpers/ports.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadConfig } from '../../src/config/load.ts';
import { serveSite, type RunningSite } from '../../src/demo/site-server.ts';
import { audit } from '../../src/run/audit.ts';
import { Store } from '../../src/store/db.ts';
import { ROOT } from '../../src/version.ts';

const dir = mkdtempSync(join(tmpdir(), 'zwgk-audit-'));
const sites: RunningSite[] = [];

function writeConfig(units: object[], crawl: object = {}): string {
  const profile = join(dir, 'fast.yaml');
  // The default profile with a short availability time limit, so a hanging site costs 2×1 s.
  const {
    lexicon: _loaded,
    checklistData: _list,
    checkOptions: _opts,
    ...base
  } = loadConfig(join(ROOT, 'config/units.yaml')).profile;
  const lexicons = {
    spam: join(ROOT, 'config/lexicons/spam.yaml'),
    wording: join(ROOT, 'config/lexicons/wording.yaml'),
  };
  writeFileSync(
    profile,
    stringify({
      ...base,
      lexicons,
      checklist: join(ROOT, 'config/checklists/xuancheng-2022.yaml'),
      availability: { attempts: 2, timeoutSec: 1 },
    }),
  );
  const file = join(dir, `units-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(
    file,
    stringify({
      contact: 'test',
      profile,
      network: { loopbackOnly: true },
      crawl: {
        delayMs: 0,
        timeoutMs: 1000,
        concurrency: 4,
        recheckPauseMs: 50,
        homepageRetrySpreadMs: 30,
        ...crawl,
      },
      units,
    }),
  );
  return file;
}

let hang: RunningSite;
let waf: RunningSite;
let loop: RunningSite;
let big: RunningSite;

beforeAll(async () => {
  hang = await serveSite({ '/index.html': { hang: true } }, ['127.0.0.1']);
  waf = await serveSite(
    { '/index.html': { status: 403, body: '<html><body>Forbidden by WAF</body></html>' } },
    ['127.0.0.1'],
  );
  loop = await serveSite({ '/index.html': { redirect: '/a' }, '/a': { redirect: '/index.html' } }, [
    '127.0.0.1',
  ]);
  const pages: Record<string, string | { hang: true }> = {
    '/index.html': Array.from({ length: 60 }, (_, i) => `<a href="/p${i}.html">p${i}</a>`).join(''),
  };
  for (let i = 0; i < 60; i++)
    pages[`/p${i}.html`] =
      i % 2 ? { hang: true } : `<html><body><a href="/">首页</a> ${i}</body></html>`;
  big = await serveSite(pages as never, ['127.0.0.1']);
  sites.push(hang, waf, loop, big);
});
afterAll(() => Promise.all(sites.map((s) => s.close())));

const unit = (id: string, port: number) => ({
  id,
  name: id,
  kind: 'department',
  site: `http://${id}.test.gov.cn:${port}/`,
  hosts: { [`${id}.test.gov.cn`]: ['127.0.0.1'] },
});

describe('audit of failing sites', () => {
  it('reports a hanging site as unreachable, a 403 as blocked, a redirect loop and a refused port, in bounded time', async () => {
    const config = loadConfig(
      writeConfig([
        unit('hang', hang.port),
        unit('waf', waf.port),
        unit('loop', loop.port),
        unit('refused', await closedPort()),
      ]),
    );
    const { run } = await audit({
      config,
      asOf: '2022-11-15',
      outDir: join(dir, 'out1'),
      dbFile: join(dir, 'a.db'),
    });
    const by = Object.fromEntries(run.units.map((u) => [u.id, u]));
    const avail = (id: string) => by[id].checks.find((c) => c.id === 'site-availability')!;
    expect(avail('hang').status).toBe('fail');
    expect(by.hang.findings[0]).toMatchObject({
      severity: 'error',
      message: expect.stringContaining('请求超时'),
    });
    expect(by.hang.verdict).toBe('待核实');
    expect(avail('waf')).toMatchObject({ status: 'error', reason: expect.stringContaining('403') });
    expect(by.waf.vetoed).toBe(false);
    expect(by.waf.verdict).toBe('待核实');
    expect(by.loop.findings[0].message).toContain('重定向超过');
    expect(by.refused.findings[0].message).toContain('连接被拒绝');
    // A site we could not fetch is never reported as missing columns.
    for (const u of run.units) {
      expect(u.checks.find((c) => c.id === 'column-presence')!.status).toBe('error');
      expect(u.findings.filter((f) => f.check !== 'site-availability')).toEqual([]);
    }
  });

  it('keeps what an interrupted run had and says it is incomplete', async () => {
    const config = loadConfig(
      writeConfig([unit('big', big.port)], { timeoutMs: 5000, concurrency: 2 }),
    );
    const controller = new AbortController();
    // Interrupted once a handful of pages were fetched: a condition, not a time window.
    const watch = setInterval(() => {
      if ([...big.hits.values()].reduce((a, b) => a + b, 0) >= 4) controller.abort();
    }, 5);
    const dbFile = join(dir, 'b.db');
    const { run, runId } = await audit({
      config,
      asOf: '2022-11-15',
      outDir: join(dir, 'out2'),
      dbFile,
      signal: controller.signal,
    });
    clearInterval(watch);
    expect(run.status).toBe('interrupted');
    expect(run.units[0].coverage.interrupted).toBe(true);
    const store = new Store(dbFile);
    const pages = store.pages(runId, 'big');
    store.close();
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.length).toBeLessThan(61);
  });
});
