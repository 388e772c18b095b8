// Every view counts the same verdicts the same way: the HTML index, the city workbook, the 通报
// and the office's server page, rendered from one run. A unit that could not be tested is
// 待核实 in each of them, never 不合格, and never counted among the tested.
import ExcelJS from 'exceljs';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeExports } from '../../reports/exports.ts';
import { cityVars } from '../../reports/paperwork-data.ts';
import { verdictCounts } from '../../reports/ranking.ts';
import { renderIndex } from '../../reports/render.ts';
import { loadPaperwork } from '../../src/config/paperwork.ts';
import type { RunJson } from '../../src/contract/run.ts';

const run = JSON.parse(
  readFileSync(join(import.meta.dirname, '../fixtures/paperwork/run.json'), 'utf8'),
) as RunJson;

describe('verdict counts', () => {
  it('count the untested unit as 待核实, apart from the tested', () => {
    expect(verdictCounts(run.units)).toEqual({
      units: 3,
      tested: 2,
      untested: 1,
      pass: 1,
      fail: 1,
      pending: 0,
      pendingAll: 1,
      vetoed: 1,
    });
  });

  it('are the same in the index, the workbook and the 通报', async () => {
    const index = renderIndex(run);
    expect(index).toContain('共 3 个单位 · 合格 1 · 不合格 1 · 待核实 1');
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-counts-'));
    mkdirSync(join(dir, 'units'));
    await writeExports(run, dir);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, '全市汇总.xlsx'));
    const verdicts: string[] = [];
    wb.getWorksheet('排名')!.eachRow((row, n) => {
      if (n > 1) verdicts.push(String(row.getCell(4).value));
    });
    expect(verdicts.sort()).toEqual(['不合格', '合格', '待核实']);
    // A check that does not apply is 不适用 there, as – in the HTML, never 0.
    const perCheck = wb.getWorksheet('各检查项问题数')!;
    const header = perCheck.getRow(1).values as string[];
    const httpsCol = header.indexOf('HTTPS');
    const cells: string[] = [];
    perCheck.eachRow((row, n) => {
      if (n > 1 && httpsCol > 0) cells.push(String(row.getCell(httpsCol).value));
    });
    expect(httpsCol).toBeGreaterThan(0);
    expect(cells.filter((c) => c === '不适用')).toHaveLength(2);
    const vars = cityVars(run, loadPaperwork(), 60);
    expect(vars).toMatchObject({ units: 3, tested: 2, untested: 1, pass: 1, fail: 1, pending: 0 });
    // The 通报's sentence adds up: the tested are split, the untested said apart.
    expect((vars.pass as number) + (vars.fail as number) + (vars.pending as number)).toBe(
      vars.tested,
    );
  });
});
