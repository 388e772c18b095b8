import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderIndex, renderUnit } from '../../reports/render.ts';
import type { RunJson, UnitResult } from '../../src/contract/run.ts';

const evil = '<script>alert(1)</script>';
const unit: UnitResult = {
  id: 'u',
  name: `单位${evil}`,
  kind: 'department',
  site: 'javascript:alert(1)',
  score: 70,
  vetoed: false,
  verdict: '合格',
  pending: false,
  coverage: { pagesFetched: 3, pagesFailed: 0, linksChecked: 0, limitHit: 'pages' },
  checks: [
    {
      id: 'broken-links',
      name: '链接可用性',
      title: '链接可用',
      basis: '19号',
      status: 'fail',
      score: 5,
      max: 15,
    },
  ],
  findings: ['http://a/1', 'http://a/2', 'http://a/3', 'http://a/4'].map((url) => ({
    check: 'broken-links',
    severity: 'warning' as const,
    url,
    message: `页面上的链接「${evil}」无法打开`,
    evidence: `<img src=x onerror=alert(1)>`,
    advice: '修复',
    basis: '19号',
    fingerprint: url,
  })),
};
const run: RunJson = {
  runId: 'r',
  asOf: '2022-11-15',
  startedAt: 's',
  finishedAt: 'f',
  status: 'complete',
  tool: { version: '0', commit: 'c' },
  profile: 'p',
  units: [unit],
};

describe('reports', () => {
  it('escapes everything that came from a crawled page', () => {
    for (const html of [renderUnit(run, unit), renderIndex(run)]) {
      expect(html).not.toContain('<script>alert');
      expect(html).not.toContain('<img src=x');
      expect(html).not.toContain('href="javascript:');
    }
    expect(renderUnit(run, unit)).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('names checks in Chinese, never by their ids, and keeps evidence in fixed columns', () => {
    const html = renderUnit(run, unit);
    const text = html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ');
    // (ids with a hyphen: 'https' and 'ipv6' are also words a page's evidence may hold)
    for (const c of unit.checks.filter((x) => x.id.includes('-')))
      expect(text, c.id).not.toContain(c.id);
    expect(html).toContain('<table class="findings">');
  });

  it('is one self-contained file: inline CSS, no external script, style or font', () => {
    const html = renderUnit(run, unit);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<link[^>]+stylesheet|<script\b|@import|url\(http/);
  });

  it('shows the same problem on many pages as one row listing them all, and the budget hit', () => {
    const html = renderUnit(run, unit);
    expect(html.match(/<tr>\s*<td><span class="sev/g)).toHaveLength(1);
    expect(html).toContain('出现在 4 个页面');
    expect(html).toContain('其余 1 个页面');
    expect(html).toContain('已达上限（页面数）');
  });

  it('lists 100 pages of a problem on thousands, and sends the reader to the spreadsheet', () => {
    const pages = Array.from({ length: 2500 }, (_, i) => `http://a/p/${i}.html`);
    const many = { ...unit, findings: [{ ...unit.findings[0], pages }] };
    const html = renderUnit({ ...run, units: [many] }, many);
    expect(html).toContain('出现在 2500 个页面');
    expect(html).toContain('其余 2497 个页面');
    expect(html.match(/href="http:\/\/a\/p\//g)).toHaveLength(100);
    expect(html).toContain('另有 2400 个页面未在此列出');
  });
});

describe('city summary', () => {
  it('lists each veto reason once per check, with how many occurrences', () => {
    const veto = (url: string) => ({
      check: 'spam-injection',
      severity: 'veto' as const,
      url,
      message: '页面正文中有涉赌涉黄文字「云顶国际」，疑似被植入。',
      evidence: 'e',
      advice: 'a',
      basis: 'b',
      fingerprint: url,
    });
    const u2: UnitResult = {
      ...unit,
      name: '乙',
      vetoed: true,
      verdict: '不合格',
      findings: [veto('http://a/1'), veto('http://a/2'), veto('http://a/3')],
    };
    const html = renderIndex({ ...run, units: [u2] });
    expect(html.match(/疑似被植入/g)).toHaveLength(1);
    expect(html).toContain('（共 3 处）');
  });
});

describe('city summary charts', () => {
  it('shows 预警 (a veto measure past its warning line) apart, not other warnings', () => {
    const warned: UnitResult = {
      ...unit,
      checks: [
        ...unit.checks,
        {
          id: 'site-availability',
          name: '站点可用性',
          title: '首页可以打开',
          basis: '19号',
          status: 'fail',
          score: 8,
          max: 10,
          veto: true,
        },
      ],
      findings: [
        ...unit.findings,
        {
          check: 'site-availability',
          severity: 'warning',
          url: 'http://a/',
          message:
            '监测 7 天共访问首页 140 次，5 次超过 15 秒未打开或出错（3.6%），接近 5.0% 的单项否决线。',
          evidence: 'e',
          advice: 'a',
          basis: 'b',
          fingerprint: 'w1',
          early: true,
        },
        {
          check: 'site-availability',
          severity: 'warning',
          url: 'http://a/',
          message: '一条不是预警的警告。',
          evidence: 'e',
          advice: 'a',
          basis: 'b',
          fingerprint: 'w2',
        },
      ],
    };
    const html = renderUnit(run, warned);
    const box = html.slice(
      html.indexOf('预警（'),
      html.indexOf('</div></div>', html.indexOf('预警（')),
    );
    expect(box).toContain('接近 5.0% 的单项否决线');
    expect(box).not.toContain('无法打开');
    expect(box).not.toContain('一条不是预警的警告');
  });

  it('draws the units × checks heat map and the score distribution inline', () => {
    const html = renderIndex(run);
    expect(html).toContain('<table class="heat">');
    expect(html).toMatch(/<td class="h-fail" title="链接可用性：未通过">4<\/td>/);
    expect(html).toMatch(
      /<span class="lab">70–79<\/span><span class="fill" style="width: 100%"><\/span><span class="n">1<\/span>/,
    );
  });

  it('embeds the screenshot of a finding from beside run.json, and nothing from outside that folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-render-'));
    mkdirSync(join(dir, 'units', 'u-截图'), { recursive: true });
    // A PNG header: signature, IHDR length and type, width 640, height 120.
    writeFileSync(
      join(dir, 'units', 'u-截图', 'a.png'),
      Buffer.from('89504e470d0a1a0a0000000d4948445200000280' + '00000078', 'hex'),
    );
    const shot = {
      ...unit,
      findings: [
        { ...unit.findings[0], screenshot: 'units/u-截图/a.png', screenshotShows: 'page' as const },
        { ...unit.findings[1], message: '同一位置的另一个问题', screenshot: 'units/u-截图/a.png' },
        { ...unit.findings[2], message: '另一个问题', screenshot: '../../etc/passwd' },
      ],
    };
    const html = renderUnit(run, shot, { baseDir: dir });
    // Embedded once, shown once (with its full-size view); the second finding at the same place
    // points back to it; the caption says what the picture shows; nothing outside the folder is read.
    expect(html.match(/data:image\/png;base64,/g)).toHaveLength(1);
    expect(html.match(/class="shot-img shot-0"/g)).toHaveLength(2);
    expect(html).toContain('查看原尺寸截图');
    expect(html).toContain('<a href="#shot-0">截图见上文同一位置的问题</a>');
    expect(html).toContain('max-width:640px;aspect-ratio:640/120');
    expect(html).toContain('截图：问题所在页面的顶部（问题无法在画面中定位）');
    expect(html).not.toContain('截图：红框为问题所在位置');
  });
});
