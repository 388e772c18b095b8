import ExcelJS from 'exceljs';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, writeExports } from '../../reports/exports.ts';
import type { RunJson, UnitResult } from '../../src/contract/run.ts';

const unit: UnitResult = {
  id: 'wlj',
  name: '宣城市文化和旅游局',
  kind: 'department',
  site: 'http://a/',
  score: 72.5,
  vetoed: false,
  verdict: '合格',
  pending: false,
  coverage: { pagesFetched: 3, pagesFailed: 0, linksChecked: 0, limitHit: false },
  checks: [
    {
      id: 'broken-links',
      name: '链接可用性',
      title: 't',
      basis: 'b',
      status: 'fail',
      score: 10,
      max: 15,
    },
    {
      id: 'site-identity',
      name: '网站标识',
      title: 't',
      basis: 'b',
      status: 'fail',
      score: 8,
      max: 10,
    },
  ],
  findings: [
    {
      check: 'broken-links',
      severity: 'warning',
      url: 'http://a/x.html',
      message: '页面上的链接「旧专题, "2019"」无法打开（HTTP 404）。',
      evidence: 'http://a/gone → HTTP 404',
      advice: '修复',
      basis: '19号',
      fingerprint: 'f1',
      firstSeen: '2022-11-15',
      change: 'open',
    },
    {
      check: 'site-identity',
      severity: 'error',
      url: 'http://a/',
      message: '首页「网站标识码」一栏为空。',
      evidence: '页面底部文字',
      advice: '补全',
      basis: '47号',
      fingerprint: 'f2',
      firstSeen: '2022-12-15',
      change: 'new',
    },
  ],
};
const run: RunJson = {
  runId: 'r',
  asOf: '2022-12-15',
  startedAt: 's',
  finishedAt: 'f',
  status: 'complete',
  tool: { version: '0', commit: 'c' },
  profile: 'p',
  units: [unit],
};

describe('exports', () => {
  it('writes a 整改清单 XLSX that reads back equal to run.json, a CSV, and the city workbook', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-export-'));
    mkdirSync(join(dir, 'units'));
    await writeExports(run, dir);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'units', 'wlj-整改清单.xlsx'));
    const text = (v: unknown) =>
      v && typeof v === 'object' && 'text' in v ? (v as { text: string }).text : (v ?? '');
    const ws = book.getWorksheet('整改清单')!;
    const rows = ws
      .getSheetValues()
      .slice(1)
      .map((r) => (r as unknown[]).slice(1).map(text));
    expect(rows[0]).toEqual([...EXPORT_COLUMNS]);
    expect(rows.slice(1)).toEqual(
      unit.findings.map((f) => [
        unit.name,
        f.check === 'broken-links' ? '链接可用性' : '网站标识',
        f.severity === 'warning' ? '一般' : '严重',
        f.url,
        f.message,
        f.evidence,
        f.basis,
        f.advice,
        f.firstSeen,
        f.change === 'open' ? '仍未整改' : '新发现',
        '',
        1,
      ]),
    );
    // A sheet to work in: the header frozen, a filter, wrapped text, the page a link.
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.getCell('D2').value).toEqual({
      text: 'http://a/x.html',
      hyperlink: 'http://a/x.html',
    });
    expect(ws.getColumn(5).alignment).toMatchObject({ wrapText: true });
    const csv = readFileSync(join(dir, 'units', 'wlj-整改清单.csv'), 'utf8');
    expect(csv.startsWith('\ufeff单位,检查项,严重程度')).toBe(true);
    expect(csv).toContain('"页面上的链接「旧专题, ""2019""」无法打开（HTTP 404）。"');
    const city = new ExcelJS.Workbook();
    await city.xlsx.readFile(join(dir, '全市汇总.xlsx'));
    expect(city.getWorksheet('排名')!.getRow(2).values).toEqual([
      undefined,
      1,
      '宣城市文化和旅游局',
      72.5,
      '合格',
      '否',
      2,
    ]);
    expect(city.getWorksheet('各检查项问题数')!.getRow(1).values).toEqual([
      undefined,
      '单位',
      '链接可用性',
      '网站标识',
    ]);
    expect(city.getWorksheet('各检查项问题数')!.getRow(2).values).toEqual([
      undefined,
      '宣城市文化和旅游局',
      1,
      1,
    ]);
  });

  it('one row per problem: a template problem names its pages in the row and lists all of them in 涉及页面', async () => {
    const pages = Array.from({ length: 25 }, (_, i) => `http://a/p${i}.html`);
    const many: RunJson = {
      ...run,
      units: [{ ...unit, findings: [{ ...unit.findings[0], url: pages[0], pages }] }],
    };
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-export-'));
    mkdirSync(join(dir, 'units'));
    await writeExports(many, dir);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'units', 'wlj-整改清单.xlsx'));
    const ws = book.getWorksheet('整改清单')!;
    expect(ws.rowCount).toBe(2);
    expect(String(ws.getCell('D2').value)).toContain('共 25 个页面');
    expect(ws.getCell('L2').value).toBe(25);
    const list = book.getWorksheet('涉及页面')!;
    expect(list.rowCount).toBe(26);
    expect(list.getCell('D26').value).toEqual({ text: pages[24], hyperlink: pages[24] });
    const csv = readFileSync(join(dir, 'units', 'wlj-整改清单.csv'), 'utf8');
    // The header and one row, whose quoted 页面 cell holds all 25 pages.
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(2);
    for (const p of pages) expect(csv).toContain(p);
  });
});

describe('CSV formula injection', () => {
  it('makes a cell that starts like a formula text, and leaves numbers and plain text alone', async () => {
    const { csv } = await import('../../reports/exports.ts');
    const out = csv([
      [
        '=HYPERLINK("http://x.com/","澳门葡京")',
        '+1',
        '-cmd',
        '@SUM(A1)',
        '\tx',
        '正常文字',
        12,
        -3,
      ],
    ]);
    expect(out).toBe(
      '\ufeff"\'=HYPERLINK(""http://x.com/"",""澳门葡京"")",\'+1,\'-cmd,\'@SUM(A1),\'\tx,正常文字,12,-3\r\n',
    );
  });
});
