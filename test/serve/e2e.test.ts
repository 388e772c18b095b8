// End to end in the real Chromium: the office logs in and creates a share link, the unit opens
// it, marks a dead link fixed, asks for a re-check, the re-check crawls the fixture site (now
// fixed) and the finding closes; the office sees the answer and the log.
import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../src/browser/chromium.ts';
import { PASSWORD, startServerFixture } from './fixture.ts';
import { whenFound, itWith } from '../helpers/system.ts';

let fx: Awaited<ReturnType<typeof startServerFixture>>;
let browser: Browser;
let base: string;

beforeAll(
  whenFound('chromium', async () => {
    fx = await startServerFixture();
    base = await fx.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium({ loopback: true });
  }),
);
afterAll(
  whenFound('chromium', async () => {
    await browser?.close();
    await fx.close();
  }),
);

itWith('chromium', 'share link → answer → re-check → the finding closes', async () => {
  const office = await (await browser.newContext()).newPage();
  await office.goto(`${base}/admin`);
  await office.fill('input[name=password]', PASSWORD);
  await office.click('button:has-text("登录")');
  await office.selectOption('select[name=unit]', 'jia');
  await office.click('button:has-text("创建分享链接")');
  const link = (await office.textContent('#new-link'))!.trim();
  expect(link).toMatch(new RegExp(`^${base}/s/[\\w-]{40,}$`));

  const unit = await (await browser.newContext()).newPage();
  await unit.goto(link);
  await unit.click('button:has-text("打开「宣城市甲局」的测评结果")');
  await expect.poll(() => unit.url()).toBe(`${base}/unit`);
  expect(await unit.textContent('h1')).toBe('宣城市甲局');
  const row = unit.locator('tr', { hasText: '旧专题' }).first();
  await row.locator('input[value=fixed]').check();
  await row.locator('textarea[name=note]').fill('已恢复旧专题页面');
  await row.locator('button:has-text("提交")').click();
  await expect
    .poll(() => unit.locator('tr', { hasText: '旧专题' }).first().locator('td.state').textContent())
    .toContain('已整改，待复查');

  fx.fixA();
  await unit.click('button:has-text("申请复查")');
  await fx.runner.idle();
  await unit.goto(`${base}/unit`);
  await unit.screenshot({ path: `${fx.dir}/unit.png`, fullPage: true });
  expect(
    await unit
      .locator('tbody tr', { hasText: '旧专题' })
      .and(unit.locator(':not(.closed)'))
      .count(),
  ).toBe(0);
  expect(await unit.locator('tr.closed', { hasText: '旧专题' }).count()).toBe(1);

  await office.goto(`${base}/admin`);
  const answers = office.locator('tr', { hasText: '已恢复旧专题页面' });
  expect(await answers.textContent()).toContain('已关闭（复查未再发现）');
  await office.screenshot({ path: `${fx.dir}/office.png`, fullPage: true });
  const log = (await office.textContent('body'))!;
  for (const step of ['创建分享链接', '打开分享链接', '答复：已整改', '申请复查', '复查完成'])
    expect(log).toContain(step);
});
