// The spreadsheets the office hands out: per unit a 整改清单 (XLSX and CSV, one row per finding,
// with an empty 整改情况 column for the unit to fill) and a city workbook (ranking and per-check
// counts). Column names are part of the contract: see EXPORT_COLUMNS and the README.
import { rankUnits } from './ranking.ts';
import ExcelJS from 'exceljs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunJson, UnitResult } from '../src/run/types.ts';
import { SEVERITY_LABEL } from './render.ts';

export const EXPORT_COLUMNS = ['单位', '检查项', '严重程度', '页面', '问题', '证据', '依据', '整改建议', '首次发现', '状态', '整改情况'] as const;

const STATE: Record<string, string> = { new: '新发现', open: '仍未整改' };

export function rectificationRows(run: RunJson, unit: UnitResult): string[][] {
  const names = new Map(unit.checks.map((c) => [c.id, c.name]));
  return unit.findings.map((f) => [
    unit.name,
    names.get(f.check) ?? f.check,
    SEVERITY_LABEL[f.severity] ?? f.severity,
    f.url,
    f.message,
    f.evidence,
    f.basis,
    f.advice,
    f.firstSeen ?? run.asOf,
    f.change ? STATE[f.change] : '待整改',
    '',
  ]);
}

function csv(rows: string[][]): string {
  const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  // A BOM so that Excel opens the UTF-8 file as Chinese text.
  return `\ufeff${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

function sheet(book: ExcelJS.Workbook, name: string, header: readonly string[], rows: (string | number)[][]): void {
  const ws = book.addWorksheet(name);
  ws.addRow([...header]).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c, i) => (c.width = [12, 14, 8, 40, 50, 40, 30, 40, 12, 10, 24][i] ?? 14));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

export async function writeExports(run: RunJson, outDir: string): Promise<void> {
  for (const unit of run.units) {
    const rows = rectificationRows(run, unit);
    await writeFile(join(outDir, 'units', `${unit.id}-整改清单.csv`), csv([[...EXPORT_COLUMNS], ...rows]));
    const book = new ExcelJS.Workbook();
    sheet(book, '整改清单', EXPORT_COLUMNS, rows);
    await book.xlsx.writeFile(join(outDir, 'units', `${unit.id}-整改清单.xlsx`));
  }
  const city = new ExcelJS.Workbook();
  const { ranked, untested } = rankUnits(run.units);
  const rankRows = [
    ...ranked.map((u, i) => [i + 1, u.name, u.score, u.verdict, u.vetoed ? '是' : '否', u.findings.length]),
    ...untested.map((u) => ['未排名', u.name, '无法检测', u.verdict, u.vetoed ? '是' : '否', u.findings.length]),
  ];
  sheet(city, '排名', ['排名', '单位', '得分', '结论', '单项否决', '问题数'], rankRows);
  const checkIds = run.units[0]?.checks.map((c) => c.id) ?? [];
  const checkNames = run.units[0]?.checks.map((c) => c.name) ?? [];
  // A check that could not run has no count of problems: it says so rather than 0.
  const cell = (u: UnitResult, id: string) =>
    u.checks.find((c) => c.id === id)?.status === 'error' ? '无法检测' : u.findings.filter((f) => f.check === id).length;
  sheet(city, '各检查项问题数', ['单位', ...checkNames], [...ranked, ...untested].map((u) => [u.name, ...checkIds.map((id) => cell(u, id))]));
  await city.xlsx.writeFile(join(outDir, '全市汇总.xlsx'));
}
