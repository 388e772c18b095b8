// The spreadsheets the office hands out: per unit a 整改清单 (XLSX and CSV, one row per problem
// with the pages it is on, and an empty 整改情况 column for the unit to fill) and a city workbook (ranking and per-check
// counts). Column names are part of the contract: see EXPORT_COLUMNS and the README.
import { rankUnits } from './ranking.ts';
import ExcelJS from 'exceljs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SEVERITY_LABEL } from './render.ts';
import type { Finding, RunJson, UnitResult } from '../src/contract/run.ts';

// Columns are added at the end, never renamed: units' own sheets and scripts read them by name.
export const EXPORT_COLUMNS = [
  '单位',
  '检查项',
  '严重程度',
  '页面',
  '问题',
  '证据',
  '依据',
  '整改建议',
  '首次发现',
  '状态',
  '整改情况',
  '页面数',
] as const;

const STATE: Record<string, string> = { new: '新发现', open: '仍未整改' };
/** Pages listed in the 页面 cell; all of them are in the 涉及页面 sheet (and the CSV cell). */
const PAGES_IN_CELL = 10;

const pagesOf = (f: Finding) => f.pages ?? [f.url];

function pagesCell(pages: string[], max = Infinity): string {
  const shown = pages.slice(0, max).join('\n');
  return pages.length > max ? `${shown}\n…（共 ${pages.length} 个页面，见「涉及页面」表）` : shown;
}

/** One row per problem: a problem on many pages (a template's) is one row naming its pages. */
export function rectificationRows(
  run: RunJson,
  unit: UnitResult,
  maxPages = Infinity,
): (string | number)[][] {
  const names = new Map(unit.checks.map((c) => [c.id, c.name]));
  return unit.findings.map((f) => [
    unit.name,
    names.get(f.check) ?? f.check,
    SEVERITY_LABEL[f.severity] ?? f.severity,
    pagesCell(pagesOf(f), maxPages),
    f.message,
    f.evidence,
    f.basis,
    f.advice,
    f.firstSeen ?? run.asOf,
    f.platform
      ? `平台问题（由平台「${f.platform}」主办单位整改）`
      : f.change
        ? STATE[f.change]
        : '待整改',
    '',
    pagesOf(f).length,
  ]);
}

export function csv(rows: (string | number)[][]): string {
  const cell = (v: string | number) => {
    // A page's text that starts like a formula (=HYPERLINK(…) planted by a spammer) would run
    // in Excel: a leading ' makes it text (OWASP's CSV injection advice). Numbers stay numbers.
    const t = typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v);
    return /[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  // A BOM so that Excel opens the UTF-8 file as Chinese text.
  return `\ufeff${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

const WIDTHS: Record<string, number> = {
  单位: 14,
  检查项: 14,
  严重程度: 8,
  页面: 48,
  问题: 50,
  证据: 40,
  依据: 30,
  整改建议: 40,
  首次发现: 12,
  状态: 10,
  整改情况: 28,
  页面数: 8,
  序号: 6,
  任务: 26,
  情况: 10,
  说明: 40,
  整改要求: 30,
  台账: 16,
  单位登记: 36,
  办公室意见: 24,
  佐证链接: 30,
  附件: 20,
};

/** A sheet a unit can work through: bold frozen header, autofilter, wrapped text, set widths. */
export function sheet(
  book: ExcelJS.Workbook,
  name: string,
  header: readonly string[],
  rows: (string | number)[][],
): ExcelJS.Worksheet {
  const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow([...header]).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c, i) => {
    c.width = WIDTHS[header[i]] ?? 16;
    c.alignment = { wrapText: true, vertical: 'top' };
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  return ws;
}

/** A cell holding one URL becomes a link the unit can click. */
function linkCells(ws: ExcelJS.Worksheet, column: number): void {
  ws.getColumn(column).eachCell((cell, row) => {
    const v = String(cell.value ?? '');
    if (row > 1 && /^https?:\/\/\S+$/.test(v)) cell.value = { text: v, hyperlink: v };
  });
}

export const TASK_COLUMNS = ['序号', '任务', '情况', '说明', '整改要求'] as const;

/** The task list as rows: each item the unit is responsible for, what was found, what is asked. */
export function taskRows(list: NonNullable<RunJson['units'][number]['checklist']>): string[][] {
  return list
    .filter((i) => i.status !== '不适用')
    .map((i) => [
      i.id,
      i.title,
      i.status,
      [i.why, ...(i.found ?? []).map((f) => `${f.title} ${f.date ?? ''} ${f.url}`)]
        .filter(Boolean)
        .join('\n'),
      i.status === '未达标' ? (i.remark ?? i.requirement) : '',
    ]);
}

export async function writeExports(run: RunJson, outDir: string): Promise<void> {
  for (const unit of run.units) {
    await writeFile(
      join(outDir, 'units', `${unit.id}-整改清单.csv`),
      csv([[...EXPORT_COLUMNS], ...rectificationRows(run, unit)]),
    );
    const book = new ExcelJS.Workbook();
    linkCells(
      sheet(book, '整改清单', EXPORT_COLUMNS, rectificationRows(run, unit, PAGES_IN_CELL)),
      4,
    );
    const names = new Map(unit.checks.map((c) => [c.id, c.name]));
    const pageRows = unit.findings.flatMap((f, i) =>
      pagesOf(f).map((p) => [i + 1, names.get(f.check) ?? f.check, f.message, p]),
    );
    linkCells(sheet(book, '涉及页面', ['问题序号', '检查项', '问题', '页面'], pageRows), 4);
    if (unit.checklist) sheet(book, '任务清单', TASK_COLUMNS, taskRows(unit.checklist));
    await book.xlsx.writeFile(join(outDir, 'units', `${unit.id}-整改清单.xlsx`));
  }
  const city = new ExcelJS.Workbook();
  const { ranked, untested } = rankUnits(run.units);
  const rankRows = [
    ...ranked.map((u, i) => [
      i + 1,
      u.name,
      u.score,
      u.verdict,
      u.vetoed ? '是' : '否',
      u.findings.length,
    ]),
    ...untested.map((u) => [
      '未排名',
      u.name,
      '无法检测',
      u.verdict,
      u.vetoed ? '是' : '否',
      u.findings.length,
    ]),
  ];
  sheet(city, '排名', ['排名', '单位', '得分', '结论', '单项否决', '问题数'], rankRows);
  const checkIds = run.units[0]?.checks.map((c) => c.id) ?? [];
  const checkNames = run.units[0]?.checks.map((c) => c.name) ?? [];
  // A check that could not run has no count of problems: it says so rather than 0; one that
  // does not apply to the unit says 不适用, as the HTML does (–), never 0.
  const cell = (u: UnitResult, id: string) => {
    const status = u.checks.find((c) => c.id === id)?.status;
    if (status === 'error') return '无法检测';
    if (status === 'not-applicable') return '不适用';
    return u.findings.filter((f) => f.check === id).length;
  };
  sheet(
    city,
    '各检查项问题数',
    ['单位', ...checkNames],
    [...ranked, ...untested].map((u) => [u.name, ...checkIds.map((id) => cell(u, id))]),
  );
  await city.xlsx.writeFile(join(outDir, '全市汇总.xlsx'));
}
