// A run cut short (its process died) shows as 中断 in the office's list, never 抓取中 for ever,
// and links only to files it wrote; a one-unit run (a re-check) offers no 全市通报; 继续 goes on
// with it, same run, same date.
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Store } from '../../src/store/db.ts';
import { Client } from './client.ts';
import { startServerFixture } from './fixture.ts';

let fx: Awaited<ReturnType<typeof startServerFixture>>;
beforeAll(async () => {
  fx = await startServerFixture();
});
afterAll(() => fx.close());

it('shows a cut-short run as 中断, with links only to what exists', async () => {
  const s = new Store(join(fx.dir, 'zwgk.db'));
  s.startRun({
    id: 'cut-run',
    as_of: '2022-11-15',
    started_at: new Date().toISOString(),
    tool_version: '0',
    tool_commit: 'x',
    profile: 'p',
    options: JSON.stringify({ outDir: join(fx.dir, 'never-written') }),
  });
  const unit = {
    id: 'jia',
    name: '宣城市甲局',
    kind: 'department',
    site: 'http://jia.test.gov.cn/',
  };
  s.setUnit('cut-run', 'jia', unit, 'crawling');
  s.finishRun('cut-run', 'interrupted');
  s.close();
  const office = await new Client(fx.app).office();
  const page = (await office.req('GET', '/admin')).body;
  const row = page.slice(page.indexOf('cut-run'), page.indexOf('</tr>', page.indexOf('cut-run')));
  expect(row).toContain('中断（未完成）');
  expect(row).toContain('宣城市甲局：中断');
  expect(row).not.toContain('抓取中');
  expect(row).not.toContain('全市汇总.xlsx');
  expect(row).not.toContain('units/jia.html');
  // One unit: no 全市通报, here or for download.
  expect(row).not.toContain('测评通报');
  const tongbao = await office.req(
    'GET',
    `/admin/runs/cut-run/docx/${encodeURIComponent('全市测评通报（草稿）.docx')}`,
  );
  expect(tongbao.statusCode).toBe(404);

  // 继续: the same run goes on and ends complete, with the unit judged.
  expect(row).toContain('/admin/runs/cut-run/continue');
  const go = await office.req('POST', '/admin/runs/cut-run/continue', {});
  expect(go.statusCode).toBe(302);
  expect(go.headers.location).toContain('msg=run-continued');
  await fx.runner.idle();
  const after = new Store(join(fx.dir, 'zwgk.db'));
  try {
    expect(after.getRun('cut-run')?.status).toBe('complete');
    expect(after.getRun('cut-run')?.as_of).toBe('2022-11-15');
    expect(after.result('cut-run', 'jia')?.verdict).toBeDefined();
  } finally {
    after.close();
  }
  const again = await office.req('GET', '/admin');
  const done = again.body.slice(again.body.indexOf('cut-run'));
  expect(done.slice(0, done.indexOf('</tr>'))).not.toContain('/continue');
  // A complete run cannot be continued.
  const twice = await office.req('POST', '/admin/runs/cut-run/continue', {});
  expect(twice.headers.location).toContain('msg=run-not-continued');
});
