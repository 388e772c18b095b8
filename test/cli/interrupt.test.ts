// Ctrl-C (SIGINT) and SIGTERM during `zwgk audit` keep the run: what was fetched is judged, the
// reports of an incomplete run are written, out/latest points at them, exit 0. With Chromium up
// too: Playwright's own SIGINT handler had closed the browser and exited 130, the run lost.
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSite, type RunningSite, type SiteMap } from '../../src/demo/site-server.ts';
import { ROOT } from '../../src/version.ts';
import Database from 'better-sqlite3';
import { describeWith } from '../helpers/system.ts';

let site: RunningSite;
let dead: RunningSite;
beforeAll(async () => {
  const page = (t: string, body: string) =>
    `<html><head><title>${t}</title></head><body>${body}<div class="footer">主办单位：测试局</div></body></html>`;
  const map: SiteMap = {};
  const links = Array.from({ length: 80 }, (_, i) => `<a href="/n/${i}.html">动态${i}</a>`);
  map['/'] = page('测试局', links.join(''));
  for (let i = 0; i < 80; i++) map[`/n/${i}.html`] = page(`动态${i}`, '<p>正文</p>');
  site = await serveSite(map, ['127.0.0.1'], 0, { latencyMs: 150 });
  // Every page links to a page that is gone: findings on many pages, each to be photographed.
  const deadMap: SiteMap = {};
  deadMap['/'] = page('测试局', links.slice(0, 12).join(''));
  for (let i = 0; i < 12; i++)
    deadMap[`/n/${i}.html`] = page(`动态${i}`, `<p>正文</p><a href="/gone/${i}.html">附件${i}</a>`);
  dead = await serveSite(deadMap, ['127.0.0.1'], 0, { latencyMs: 100 });
});
afterAll(() => Promise.all([site.close(), dead.close()]));

type When = 'crawling' | 'photographing';

async function interrupted(
  signal: 'SIGINT' | 'SIGTERM',
  browser: boolean,
  when: When = 'crawling',
) {
  const target = when === 'crawling' ? site : dead;
  const home = mkdtempSync(join(tmpdir(), 'zwgk-int-'));
  const config = join(home, 'units.yaml');
  writeFileSync(
    config,
    stringify({
      network: { loopbackOnly: true, referenceHosts: [] },
      crawl: { delayMs: 0, concurrency: 2, recheckPauseMs: 20, homepageRetrySpreadMs: 30 },
      browser: { enabled: browser },
      units: [
        {
          id: 'cs',
          name: '测试局',
          kind: 'department',
          site: `http://www.int.gov.cn:${target.port}/`,
          hosts: { 'www.int.gov.cn': ['127.0.0.1'] },
        },
      ],
    }),
  );
  const before = site.hits.get('/') ?? 0;
  const child = spawn(process.execPath, [join(ROOT, 'bin/zwgk.mjs'), 'audit', '--config', config], {
    env: { ...process.env, ZWGK_HOME: home },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((ok) => child.on('close', ok));
  const started = Date.now();
  if (when === 'crawling')
    // Mid-crawl: the homepage fetched and a few articles.
    while (
      ((site.hits.get('/') ?? 0) <= before || crawled(site) < 4) &&
      Date.now() - started < 60_000
    )
      await new Promise((r) => setTimeout(r, 50));
  // While the findings' screenshots are taken (the crawl and the judging done).
  else
    while (!photographing(home) && Date.now() - started < 60_000)
      await new Promise((r) => setTimeout(r, 20));
  child.kill(signal);
  const code = await exited;
  return { code, out, err, home };
}

const photographing = (home: string) =>
  existsSync(join(home, 'out')) &&
  readdirSync(join(home, 'out')).some((run) =>
    existsSync(join(home, 'out', run, 'units', 'cs-截图')),
  );

const crawled = (s: RunningSite) =>
  [...s.hits].filter(([p]) => p.startsWith('/n/')).reduce((a, [, n]) => a + n, 0);

function expectSaved(r: Awaited<ReturnType<typeof interrupted>>) {
  expect(r.err).toContain('收到中断信号');
  expect(r.code, r.err).toBe(0);
  expect(r.out).toContain('未完成，已保存已有结果');
  const latest = realpathSync(join(r.home, 'out', 'latest'));
  const run = JSON.parse(readFileSync(join(latest, 'run.json'), 'utf8'));
  expect(run.status).toBe('interrupted');
  expect(run.units[0].coverage.pagesFetched).toBeGreaterThan(0);
  expect(existsSync(join(latest, 'index.html'))).toBe(true);
  expect(existsSync(join(latest, 'units', 'cs.html'))).toBe(true);
  // Every page stored has its HTML: the packs still open at the signal were written.
  const db = new Database(join(r.home, 'zwgk.db'), { readonly: true });
  const pages = db
    .prepare(
      `SELECT count(*) AS n, count(html_pack) AS packed FROM pages WHERE kind = 'page'
      AND status = 200`,
    )
    .get() as { n: number; packed: number };
  db.close();
  expect(pages.n).toBeGreaterThan(0);
  expect(pages.packed).toBe(pages.n);
}

describe('an interrupted audit over HTTP', () => {
  it(
    'keeps the run on SIGINT',
    async () => expectSaved(await interrupted('SIGINT', false)),
    90_000,
  );
  it(
    'keeps the run on SIGTERM',
    async () => expectSaved(await interrupted('SIGTERM', false)),
    90_000,
  );
});

describeWith('chromium', 'an interrupted audit with Chromium up', () => {
  it('keeps the run on SIGINT', async () => expectSaved(await interrupted('SIGINT', true)), 90_000);
  it(
    'keeps the run on SIGINT while screenshots are taken',
    async () => expectSaved(await interrupted('SIGINT', true, 'photographing')),
    90_000,
  );
});
