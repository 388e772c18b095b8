// The office's own actions over HTTP: start a run, follow it to completion, open its reports
// and download its exports; the download route serves the exports and nothing else.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Client } from './client.ts';
import { readDocx } from '../helpers/docx-read.ts';
import { startServerFixture } from './fixture.ts';

let fx: Awaited<ReturnType<typeof startServerFixture>>;
let office: Client;
const req: Client['req'] = (...args) => office.req(...args);

beforeAll(async () => {
  fx = await startServerFixture();
  office = await new Client(fx.app).office();
});
afterAll(() => fx.close());

it('starts a run, shows it, and serves its reports and exports', async () => {
  const started = await req('POST', '/admin/runs', {});
  const shown = await req('GET', String(started.headers.location));
  expect(shown.body).toContain('已开始测评 2 个单位');
  await fx.runner.idle();
  const runId = fx.store.runs(1)[0].id;
  expect(runId).not.toBe(fx.firstRun);
  const dash = await req('GET', '/admin');
  expect(dash.body).toContain(runId);
  expect(dash.body).toContain('各单位得分趋势');
  expect((await req('GET', `/admin/runs/${runId}/`)).body).toContain('宣城市甲局');
  expect((await req('GET', `/admin/runs/${runId}/units/jia.html`)).body).toContain(
    '需要整改的问题',
  );

  const xlsx = await req(
    'GET',
    `/admin/runs/${runId}/files/${encodeURIComponent('全市汇总.xlsx')}`,
  );
  expect(xlsx.statusCode).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  expect(book.worksheets.map((w) => w.name)).toContain('排名');
  expect(
    (
      await req(
        'GET',
        `/admin/runs/${runId}/files/units/${encodeURIComponent('jia-整改清单.xlsx')}`,
      )
    ).statusCode,
  ).toBe(200);
  for (const name of [
    'run.json',
    '../../etc/passwd',
    'units/jia.html',
    encodeURIComponent('../全市汇总.xlsx'),
  ]) {
    expect((await req('GET', `/admin/runs/${runId}/files/${name}`)).statusCode, name).toBe(404);
  }
  expect(fx.store.auditLog().map((l) => l.action)).toEqual(
    expect.arrayContaining(['开始测评', '下载', '登录']),
  );

  // The Word paperwork, made from the stored run.
  expect(dash.body).toContain(`/admin/runs/${runId}/docx/units/jia-整改通知.docx`);
  const tongbao = await req(
    'GET',
    `/admin/runs/${runId}/docx/${encodeURIComponent('全市测评通报（草稿）.docx')}`,
  );
  expect(tongbao.statusCode).toBe(200);
  const ranking = (await readDocx(tongbao.rawPayload)).tables[0];
  expect(
    ranking
      .slice(1)
      .map((r) => r[1])
      .sort(),
  ).toEqual(['宣城市乙局', '宣城市甲局']);
  const notice = await req(
    'GET',
    `/admin/runs/${runId}/docx/units/${encodeURIComponent('jia-整改通知.docx')}`,
  );
  const findings = fx.store.unitResult(runId, 'jia')!.findings;
  expect(findings.length).toBeGreaterThan(0);
  // Problem rows (six cells) under one title row per check, numbered in that order.
  const rows = ((await readDocx(notice.rawPayload)).tables[0]?.slice(1) ?? []).filter(
    (r) => r.length === 6,
  );
  expect(rows.map((r) => r[2]).sort()).toEqual(findings.map((f) => f.message).sort());
  for (const name of ['units/nobody-整改通知.docx', '../files/run.json']) {
    expect(
      (await req('GET', `/admin/runs/${runId}/docx/${encodeURIComponent(name)}`)).statusCode,
      name,
    ).toBe(404);
  }
});

it('shows a running audit with its progress', async () => {
  // One page of 甲局 never answers, so the run stays open until the crawler's time limit.
  fx.siteA['/'] = (fx.siteA['/'] as string).replace(
    '</ul>',
    '<li><a href="/slow.html">慢页面</a><span>2022-11-12</span></li></ul>',
  );
  fx.siteA['/slow.html'] = { hang: true };
  await req('POST', '/admin/runs', {});
  let body = '';
  for (let i = 0; i < 60 && !body.includes('已抓取'); i++) {
    await new Promise((r) => setTimeout(r, 50));
    body = (await req('GET', '/admin')).body;
  }
  expect(body).toContain('进行中');
  expect(body).toMatch(/宣城市甲局(<\/a>)?：抓取中，已抓取 \d+ 个页面/);
  await fx.runner.idle();
  expect((await req('GET', '/admin')).body).not.toContain('进行中');
});
