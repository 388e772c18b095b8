// axe-core in the real Chromium on pages with known violations and on a clean page, and the
// accessibility check over what it found (and over nothing, when no browser ran).
import { afterAll, beforeAll, expect, it } from 'vitest';
import check from '../../checks/accessibility.ts';
import { probeAccessibility } from '../../src/probes/accessibility.ts';
import { Renderer } from '../../src/browser/renderer.ts';
import { serveSite, type RunningSite } from '../../src/demo/site-server.ts';
import { HostMap } from '../../src/net/hosts.ts';
import { HttpClient } from '../../src/net/http.ts';
import { context, html } from '../helpers/context.ts';
import type { AccessibilityProbe } from '../../src/contract/probes.ts';
import { whenFound, describeWith } from '../helpers/system.ts';

const HOST = 'www.fixture.gov.cn';
const bad = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>有问题的页面</title></head><body>
<img src="/logo.png" width="100" height="30"><form><input type="text" name="q"><button></button></form><p>正文</p></body></html>`;
const good = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>规范的页面</title></head><body>
<header><img src="/logo.png" width="100" height="30" alt="宣城市测试局"><a href="javascript:void(0)">无障碍浏览</a></header>
<main><h1>标题</h1><form><label for="q">搜索
</label><input id="q" type="text" name="q"><button type="submit">搜索</button></form></main></body></html>`;

let server: RunningSite;
let client: HttpClient;
let renderer: Renderer;
let probe: AccessibilityProbe;
const url = (p: string) => `http://${HOST}:${server.port}${p}`;

beforeAll(
  whenFound('chromium', async () => {
    server = await serveSite({ '/bad.html': bad, '/good.html': good }, ['127.0.0.1']);
    client = new HttpClient(new HostMap({ [HOST]: ['127.0.0.1'] }, true));
    renderer = await new Renderer(client, {
      poolSize: 2,
      pageTimeoutMs: 15_000,
      recycleAfter: 50,
      userAgent: 'test',
    }).start();
    probe = await probeAccessibility(renderer, [
      url('/bad.html'),
      url('/good.html'),
      url('/missing.html'),
    ]);
  }),
);
afterAll(
  whenFound('chromium', async () => {
    await renderer.close();
    await server.close();
    await client.close();
  }),
);

describeWith('chromium', 'probeAccessibility', () => {
  it('finds the known violations, in Chinese, with their elements', () => {
    const [b] = probe.pages;
    const ids = b.violations.map((v) => v.id);
    expect(ids).toEqual(
      expect.arrayContaining(['image-alt', 'label', 'html-has-lang', 'button-name']),
    );
    const img = b.violations.find((v) => v.id === 'image-alt')!;
    expect(img).toMatchObject({ impact: 'critical', count: 1 });
    expect(img.help).toMatch(/[\u4e00-\u9fff]/);
    expect(img.nodes[0].target).toBe('img');
  });

  it('finds nothing on a page that meets the rules, and reports a page it could not open', () => {
    expect(probe.pages[1].violations).toEqual([]);
    expect(probe.pages[2]).toMatchObject({ error: '页面返回 404', violations: [] });
  });
});

describeWith('chromium', 'accessibility check', () => {
  const home = (main: string) => ({ '/': { html: html(main) } });

  it('groups violations per page and rule, and asks for the 无障碍/长者模式 entry', () => {
    const r = check.run(context(home('<p>首页</p>'), { probes: { accessibility: probe } }));
    expect(r.status).toBe('fail');
    expect(r.findings.find((f) => f.key === 'entry')).toMatchObject({ severity: 'warning' });
    const img = r.findings.find((f) => f.key === 'axe:image-alt')!;
    expect(img).toMatchObject({
      severity: 'error',
      url: url('/bad.html'),
      locate: { selector: 'img' },
    });
    expect(img.message).toContain('共 1 处');
  });

  it('accepts an entry named 关怀版 or 长者模式, and does not take 障碍 alone for it', () => {
    const clean: AccessibilityProbe = {
      pages: [{ url: 'http://www.test.gov.cn/', violations: [] }],
    };
    expect(
      check.run(context(home('<a href="/care/">关怀版</a>'), { probes: { accessibility: clean } })),
    ).toMatchObject({ status: 'pass', findings: [] });
    expect(
      check.run(context(home('<a href="/zz/">长者模式</a>'), { probes: { accessibility: clean } }))
        .findings,
    ).toEqual([]);
    expect(
      check
        .run(
          context(home('<a href="/x/">排除障碍物专项行动</a>'), {
            probes: { accessibility: clean },
          }),
        )
        .findings.map((f) => f.key),
    ).toEqual(['entry']);
  });

  it('says it could not run when no browser ran, never pass', () => {
    const r = check.run(context(home('<a href="/wza/">无障碍</a>')));
    expect(r.status).toBe('error');
    expect(r.reason).toContain('Chromium');
  });
});
