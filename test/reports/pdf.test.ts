// A unit report printed to PDF by the real Chromium: a file that opens, A4, with the report's
// title on every page and page numbers, and the crawled text still escaped.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractText, getDocumentProxy } from 'unpdf';
import { expect, it } from 'vitest';
import { htmlFilesToPdf } from '../../reports/pdf.ts';
import { renderUnit } from '../../reports/render.ts';
import type { RunJson, UnitResult } from '../../src/contract/run.ts';
import demoRun from '../fixtures/paperwork/run.json' with { type: 'json' };
import { describeWith } from '../helpers/system.ts';

const unit: UnitResult = {
  id: 'u',
  name: '宣城市测试局<b>',
  kind: 'department',
  site: 'http://www.test.gov.cn/',
  score: 62.5,
  vetoed: false,
  verdict: '合格',
  pending: false,
  coverage: { pagesFetched: 80, pagesFailed: 0, linksChecked: 0, limitHit: false },
  checks: [
    {
      id: 'broken-links',
      name: '链接可用性',
      title: '链接可用',
      basis: '国办秘函〔2019〕19号',
      status: 'fail',
      score: 5,
      max: 15,
    },
  ],
  findings: Array.from({ length: 80 }, (_, i) => ({
    check: 'broken-links',
    severity: 'warning' as const,
    url: `http://www.test.gov.cn/news/${i}.html`,
    message: `页面上的链接「第${i}号文件」无法打开（HTTP 404）。`,
    evidence: `http://www.test.gov.cn/files/${i}.pdf → HTTP 404`,
    advice: '修复或删除失效链接',
    basis: '19号',
    fingerprint: String(i),
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

describeWith('chromium', 'htmlFilesToPdf', () => {
  it('prints an A4 PDF with the title on each page and page numbers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-pdf-'));
    const html = join(dir, 'u.html');
    const pdf = join(dir, 'u.pdf');
    writeFileSync(html, renderUnit(run, unit));
    await htmlFilesToPdf([{ html, pdf }]);
    const bytes = new Uint8Array(readFileSync(pdf));
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const doc = await getDocumentProxy(bytes);
    expect(doc.numPages).toBeGreaterThan(1);
    const { width, height } = (await doc.getPage(1)).getViewport({ scale: 1 });
    // A4 is 595.3 × 841.9 points; Chromium rounds the page box to whole CSS pixels.
    expect(Math.abs(width - 595.3)).toBeLessThan(1.5);
    expect(Math.abs(height - 841.9)).toBeLessThan(1.5);
    const { text } = await extractText(doc, { mergePages: false });
    text.forEach((page, i) => {
      expect(page).toContain('宣城市测试局<b> · 政务公开网站测评报告');
      expect(page.replace(/\s+/g, '')).toContain(`第${i + 1}页/共${doc.numPages}页`);
    });
    expect(text.join('')).toContain('第79号文件');
  });

  // The demo's problem unit: 40 findings, 31 with a screenshot, and the 46-task list. An office
  // prints it for the unit; 38 pages (then 17) had been too many to read.
  it("prints the demo's 40-finding unit on at most 12 pages", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-pdf-'));
    const demo = demoRun as unknown as RunJson;
    const sfj = demo.units.find((u) => u.id === 'demo-sfj')!;
    writeFileSync(join(dir, 'u.html'), renderUnit(demo, sfj));
    await htmlFilesToPdf([{ html: join(dir, 'u.html'), pdf: join(dir, 'u.pdf') }]);
    const doc = await getDocumentProxy(new Uint8Array(readFileSync(join(dir, 'u.pdf'))));
    expect(doc.numPages).toBeLessThanOrEqual(12);
  });
});
