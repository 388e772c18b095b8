// Two runs of the same unit: between them the unit fixes some planted problems. The second
// run shows exactly those as fixed, the rest as still open with the date first seen, and the
// fingerprints do not depend on page order or wording around the problem.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { main } from '../../src/cli.ts';
import { loadConfig } from '../../src/config/load.ts';
import { serveSite, type SiteMap } from '../../src/demo/site-server.ts';
import { audit } from '../../src/run/audit.ts';
import { fingerprint } from '../../src/judge/fingerprint.ts';
import { ROOT } from '../../src/version.ts';

const page = (body: string, footer: string) =>
  `<html><head><title>测试局</title></head><body><div class="nav"><a href="/">首页</a></div><div ` +
  `class="main">${body}</div><div class="footer">${footer}</div></body></html>`;
const FOOTER_BAD = '主办单位：测试局 网站标识码：';
const FOOTER_GOOD = '主办单位：测试局 网站标识码：3418000011';

describe('history across runs', () => {
  it('shows exactly the fixed problems as fixed, the others as still open, and a diff for the terminal', async () => {
    const site: SiteMap = {
      '/index.html': page(
        '<ul><li><a href="/a.html">通知</a> 2022-11-10</li></ul><a href="/gone.html">旧专题</a><a href="/gone2.html">旧链接</a>',
        FOOTER_BAD,
      ),
      '/a.html': page('<p>内容</p>', FOOTER_BAD),
    };
    const server = await serveSite(site, ['127.0.0.1']);
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-history-'));
    const file = join(dir, 'units.yaml');
    writeFileSync(
      file,
      stringify({
        contact: 'test',
        profile: join(ROOT, 'config/profiles/default.yaml'),
        network: { loopbackOnly: true },
        crawl: { delayMs: 0, homepageRetrySpreadMs: 30 },
        // History is logic over findings: no browser needed.
        browser: { enabled: false },
        units: [
          {
            id: 'csj',
            name: '测试局',
            kind: 'department',
            site: `http://csj.test.gov.cn:${server.port}/`,
            hosts: { 'csj.test.gov.cn': ['127.0.0.1'] },
          },
        ],
      }),
    );
    const config = loadConfig(file);
    const db = join(dir, 'h.db');
    try {
      const first = await audit({
        config,
        asOf: '2022-11-15',
        outDir: join(dir, 'r1'),
        dbFile: db,
      });
      // The unit fixes one dead link and the empty 网站标识码; the other dead link stays.
      site['/index.html'] = page(
        '<p>首页改版</p><ul><li><a href="/a.html">通知</a> 2022-11-10</li></ul><a href="/gone2.html">旧链接</a>',
        FOOTER_GOOD,
      );
      site['/a.html'] = page('<p>内容</p>', FOOTER_GOOD);
      const second = await audit({
        config,
        asOf: '2022-12-15',
        outDir: join(dir, 'r2'),
        dbFile: db,
      });
      const before = first.run.units[0];
      const after = second.run.units[0];
      const fixed = after.history!.fixed.map((f) => f.message).sort();
      expect(fixed).toEqual([
        '首页「网站标识码」一栏为空。',
        '首页上的链接「旧专题」无法打开（HTTP 404）。',
      ]);
      const stillOpen = after.findings.filter((f) => f.change === 'open');
      expect(stillOpen.map((f) => f.message)).toContain(
        '首页上的链接「旧链接」无法打开（HTTP 404）。',
      );
      expect(stillOpen.every((f) => f.firstSeen === '2022-11-15')).toBe(true);
      expect(after.findings.filter((f) => f.change === 'new').map((f) => f.message)).toEqual(
        expect.arrayContaining([expect.stringContaining('首页超过14天未更新')]),
      );
      expect(after.history!.trend.map((t) => t.asOf)).toEqual(['2022-11-15', '2022-12-15']);
      // The open link finding kept its fingerprint although the page around it changed.
      const link = (u: typeof before) =>
        u.findings.find((f) => f.message.includes('旧链接'))!.fingerprint;
      expect(link(after)).toBe(link(before));

      const out: string[] = [];
      const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
      const code = await main(['diff', '--from', first.runId, '--to', second.runId, '--db', db]);
      log.mockRestore();
      expect(code).toBe(0);
      expect(out.join('\n')).toContain('已整改 2，');
      expect(out.join('\n')).toContain('已整改  首页「网站标识码」一栏为空。');
    } finally {
      await server.close();
    }
  });

  it('keeps a fingerprint stable under a different message wording and page order, and apart for a different defect', () => {
    const a = fingerprint(
      'broken-links',
      'http://x.gov.cn/index.html',
      'http://x.gov.cn/gone.html',
    );
    expect(fingerprint('broken-links', 'http://X.gov.cn/', 'http://x.gov.cn/gone.html')).toBe(a);
    expect(fingerprint('broken-links', 'http://x.gov.cn/', 'http://x.gov.cn/gone2.html')).not.toBe(
      a,
    );
    expect(fingerprint('site-identity', 'http://x.gov.cn/', 'http://x.gov.cn/gone.html')).not.toBe(
      a,
    );
    // The same site on another port (the demo's sample sites) is the same problem.
    expect(
      fingerprint('broken-links', 'http://x.gov.cn:40123/', 'http://x.gov.cn:40123/gone.html'),
    ).toBe(a);
  });
});
