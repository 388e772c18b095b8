// The 工作台账 end to end over HTTP: a unit records an item with a file, the office returns it,
// the unit records again, the office confirms; history kept; a file of the wrong type, one too
// large and another unit reading the file are refused; the report and the workbook show it.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from './client.ts';
import { startServerFixture } from './fixture.ts';

let fx: Awaited<ReturnType<typeof startServerFixture>>;
beforeAll(async () => {
  fx = await startServerFixture();
});
afterAll(() => fx.close());

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);
// 科学确定公开方式: every department is responsible and no page can show it.
const ITEM = '29';

describe('工作台账', () => {
  it('a unit records, the office returns and confirms, the history keeps every step', async () => {
    const office = await new Client(fx.app).office();
    const jia = await new Client(fx.app).unit(await office.linkFor('jia'));
    const yi = await new Client(fx.app).unit(await office.linkFor('yi'));

    const page = await jia.req('GET', '/unit/ledger');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('科学确定公开方式');
    expect(page.body).toContain('未登记');

    // Refused, and why: a program renamed .pdf; a real PNG named .pdf (the name must agree with
    // the bytes); a PDF over this server's 1 MB cap.
    const refused = async (name: string, data: Buffer) => {
      const r = await jia.upload(
        '/unit/ledger',
        { item: ITEM, note: '已制定' },
        { field: 'file', name, data },
      );
      expect(r.statusCode).toBe(400);
      return r.body;
    };
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(600)]);
    expect(await refused('制度.pdf', exe)).toContain('不是可接受的类型');
    expect(await refused('截图.pdf', PNG)).toContain('内容为 png');
    const big = Buffer.concat([PDF, Buffer.alloc(1024 * 1024 + 10, 32)]);
    expect(await refused('大.pdf', big)).toContain('超过 1 MB 的上限');
    // Nothing was kept of either.
    expect((await jia.req('GET', '/unit/ledger')).body).toContain('未登记');

    const ok = await jia.upload(
      '/unit/ledger',
      { item: ITEM, note: '已按信息类别确定公开方式', link: 'https://example.gov.cn/gkfs.html' },
      { field: 'file', name: '公开方式清单.pdf', data: PDF, type: 'application/pdf' },
    );
    expect(ok.statusCode).toBe(302);
    const after = (await jia.req('GET', '/unit/ledger')).body;
    expect(after).toContain('已登记，待办公室核实');
    const fileUrl = after.match(/\/unit\/ledger\/files\/(\d+)/)!;
    const got = await jia.req('GET', fileUrl[0]);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(Buffer.from(got.rawPayload).equals(PDF)).toBe(true);
    // Another unit's file does not exist for this one.
    expect((await yi.req('GET', fileUrl[0])).statusCode).toBe(404);
    expect((await yi.req('GET', `/admin/ledger/files/${fileUrl[1]}`)).statusCode).toBe(302);
    expect((await office.req('GET', `/admin/ledger/files/${fileUrl[1]}`)).statusCode).toBe(200);

    // The office: 退回 needs a note; then 退回, the unit answers again, then 已核实.
    await office.req('GET', '/admin/ledger');
    const decide = (unit: string, decision: string, note = '') =>
      office.req('POST', '/admin/ledger/decide', { unit, item: ITEM, decision, note });
    expect((await decide('jia', 'returned')).statusCode).toBe(400);
    expect((await decide('yi', 'verified')).body).toContain('该单位尚未登记此事项');
    const back = await decide('jia', 'returned', '请附公开方式审定记录');
    expect(back.statusCode).toBe(302);
    expect((await jia.req('GET', '/unit/ledger')).body).toContain('已退回，请补充');
    await jia.upload('/unit/ledger', { item: ITEM, note: '补充审定记录' });
    await office.req('GET', '/admin/ledger');
    await decide('jia', 'verified');
    const board = (await office.req('GET', '/admin/ledger')).body;
    expect(board).toContain('已核实');
    const steps = [...board.matchAll(/<li>[^<]*?(单位登记|办公室：退回|办公室：已核实)/g)].map(
      (m) => m[1],
    );
    expect(steps).toEqual(['单位登记', '办公室：退回', '单位登记', '办公室：已核实']);

    // The unit's report shows the ledger beside the item; the workbook has every unit × item.
    const runId = fx.store.runs(1)[0].id;
    const report = (await jia.req('GET', `/unit/runs/${runId}`)).body;
    expect(report).toMatch(/台账：已核实（\d{4}-\d{2}-\d{2}）补充审定记录/);
    const xlsx = await office.req('GET', '/admin/ledger.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = book.getWorksheet('工作台账')!.getSheetValues().slice(2) as unknown[][];
    const row = rows.find((r) => r[1] === '宣城市甲局' && r[2] === ITEM)!;
    expect(row.slice(4, 7)).toEqual([
      '人工核查',
      '网站无法体现，需人工核查或在工作台账中登记',
      '已核实',
    ]);
    expect(rows.some((r) => r[1] === '宣城市乙局' && r[2] === ITEM && r[6] === '未登记')).toBe(
      true,
    );
  });

  it('an item not in the unit ledger, a forged form, and the office pages are refused to units', async () => {
    const office = await new Client(fx.app).office();
    const jia = await new Client(fx.app).unit(await office.linkFor('jia'));
    await jia.req('GET', '/unit/ledger');
    const notMine = await jia.upload('/unit/ledger', { item: '6', note: '减税降费' });
    expect(notMine.statusCode).toBe(400);
    expect(notMine.body).toContain('不在本单位的工作台账中');
    jia.csrf = 'forged';
    expect((await jia.upload('/unit/ledger', { item: ITEM, note: 'x' })).statusCode).toBe(403);
    expect((await jia.req('GET', '/admin/ledger')).statusCode).toBe(302);
    expect((await jia.req('GET', '/admin/ledger.xlsx')).statusCode).toBe(302);
  });
});
