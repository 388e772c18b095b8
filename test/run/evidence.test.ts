// Screenshot evidence with the real Chromium: files that exist, crop to the element a finding
// points at, reveal a hidden injected link, fall back to the page top, and never show the
// personal data the report masks.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Renderer } from '../../src/browser/renderer.ts';
import { serveSite, type RunningSite } from '../../src/demo/site-server.ts';
import { HostMap } from '../../src/net/hosts.ts';
import { HttpClient } from '../../src/net/http.ts';
import { captureEvidence, maskPersonalData } from '../../src/run/evidence.ts';
import type { Finding } from '../../src/contract/run.ts';
import { whenFound, describeWith } from '../helpers/system.ts';

const HOST = 'www.fixture.gov.cn';
const page = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>首页</title>
<style>.fl{position:absolute;left:-9999px}</style></head><body style="margin:0;font-family:sans-serif">
<div style="height:1400px;background:#eef">正文区域</div>
<p>公示名单：钱某某 342501199007203455 13955630003</p>
<div class="fl"><a href="http://www.yd222-yunding.example/">云顶国际 百家乐</a></div>
<div class="footer" style="padding:20px;border-top:1px solid #99" +
  "9">主办单位：宣城市测试局　网站标识码：<a href="/dead.html">死链</a></div>
</body></html>`;

let server: RunningSite;
let client: HttpClient;
let renderer: Renderer;
const out = mkdtempSync(join(tmpdir(), 'zwgk-shots-'));

beforeAll(
  whenFound('chromium', async () => {
    server = await serveSite({ '/': page }, ['127.0.0.1']);
    client = new HttpClient(new HostMap({ [HOST]: ['127.0.0.1'] }, true));
    renderer = await new Renderer(client, {
      poolSize: 1,
      pageTimeoutMs: 10_000,
      recycleAfter: 50,
      userAgent: 'test',
    }).start();
  }),
);
afterAll(
  whenFound('chromium', async () => {
    await renderer.close();
    await server.close();
    await client.close();
  }),
);

const finding = (
  fingerprint: string,
  check: string,
  locate?: Finding['locate'],
  message = fingerprint,
): Finding => ({
  check,
  severity: 'error',
  url: `http://${HOST}:${server.port}/`,
  message,
  evidence: '',
  advice: '',
  basis: '',
  fingerprint,
  locate,
});
/** Width and height from a PNG's IHDR chunk. */
const size = (file: string) => {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString()).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
};

describeWith('chromium', 'captureEvidence', () => {
  it('crops to the element each finding points at, reveals a hidden link, and shoots the page top otherwise', async () => {
    const findings = [
      finding('link', 'broken-links', { href: `http://${HOST}:${server.port}/dead.html` }),
      finding('hidden', 'spam-injection', { href: 'http://www.yd222-yunding.example/' }),
      finding('footer', 'site-identity', { area: 'footer' }),
      finding('page', 'homepage-freshness'),
      finding('pii', 'privacy-leak', { text: '342501' }),
    ];
    const r = await captureEvidence(renderer, 'u1', findings, {
      outDir: out,
      max: 10,
      ownHosts: new Set([`${HOST}:${server.port}`]),
      asOf: '2022-11-15',
    });
    expect(r).toEqual({ taken: 4, failed: [] });
    const file = (fp: string) => join(out, findings.find((f) => f.fingerprint === fp)!.screenshot!);
    for (const fp of ['link', 'hidden', 'footer', 'page']) expect(existsSync(file(fp))).toBe(true);
    // Personal data is never photographed.
    expect(findings.find((f) => f.fingerprint === 'pii')!.screenshot).toBeUndefined();
    // Crops are smaller than the viewport; the page-level shot is the viewport.
    expect(size(file('page'))).toEqual({ width: 1280, height: 900 });
    for (const fp of ['link', 'hidden', 'footer']) expect(size(file(fp)).height).toBeLessThan(400);
    expect(findings[0].screenshot).toBe('units/u1-截图/link.png');
  });

  it('one picture per distinct problem, within the budget, most severe first', async () => {
    const same = [1, 2, 3].map((i) => ({
      ...finding(`same${i}`, 'spam-injection', { text: '正文区域' }, '同一问题'),
      url: `http://${HOST}:${server.port}/`,
    }));
    const worse = { ...finding('veto', 'homepage-freshness'), severity: 'veto' as const };
    const r = await captureEvidence(renderer, 'u2', [...same, worse], {
      outDir: out,
      max: 1,
      ownHosts: new Set([`${HOST}:${server.port}`]),
      asOf: '2022-11-15',
    });
    expect(r.taken).toBe(1);
    expect(worse.screenshot).toBeTruthy();
    expect(same.every((f) => !f.screenshot)).toBe(true);
  });

  it('findings that point at the same place share one picture, counted once against the budget', async () => {
    const a = finding('icp', 'site-identity', { area: 'footer' }, '未标明ICP备案号');
    const b = finding('gongan', 'site-identity', { area: 'footer' }, '未标明公安机关备案号');
    const c = finding('top', 'homepage-freshness', undefined, '首页不更新');
    const r = await captureEvidence(renderer, 'u3', [a, b, c], {
      outDir: out,
      max: 2,
      ownHosts: new Set([`${HOST}:${server.port}`]),
      asOf: '2022-11-15',
    });
    expect(r.taken).toBe(2);
    expect(a.screenshot).toBe(b.screenshot);
    expect(c.screenshot).toBeTruthy();
  });

  it('masks ID numbers and phone numbers in the page before any picture is taken', async () => {
    const text = await renderer.withPage(async ({ page: p }) => {
      await p.setContent('<p>钱某某 342501199007203455 13955630003，合同号 2022-0001</p>');
      await maskPersonalData(p, '2022-11-15');
      return p.textContent('p');
    });
    expect(text).toBe('钱某某 34*************455 139****0003，合同号 2022-0001');
  });

  // The look-alike: what the report's text shows as written, the picture shows too.
  it('leaves a 索引号 and an order number as the report shows them', async () => {
    const page = '<p>索引号：113418000000000001/2022-00031 订单 4418000000000000123</p>';
    const text = await renderer.withPage(async ({ page: p }) => {
      await p.setContent(page);
      await maskPersonalData(p, '2022-11-15');
      return p.textContent('p');
    });
    expect(text).toBe('索引号：113418000000000001/2022-00031 订单 4418***********0123');
  });
});
