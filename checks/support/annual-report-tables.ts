// Reads the tables of a 政府信息公开工作年度报告 (国办公开办函〔2021〕30号 template) from the
// rows a page holds: table 三 (7 applicant columns × 25 rows), table 四 (3 groups × 5) and
// table 二's 行政规范性文件 row. Cells are read as they are written: full-width digits, spaces
// and &nbsp; are normalised; '/', '—' and empty cells are missing, never zero.

export const APPLICANT_COLUMNS = [
  '自然人',
  '商业企业',
  '科研机构',
  '社会公益组织',
  '法律服务机构',
  '其他',
  '总计',
];

export type Cell = number | null;

export interface Table3Row {
  key: string;
  label: string;
  cells: Cell[];
}

export interface ParsedReport {
  table3?: Table3Row[];
  table4?: Cell[];
  normative?: { issued: Cell; repealed: Cell; valid: Cell };
  oldTemplate: boolean;
}

export function cellValue(raw: string): Cell {
  const t = raw.normalize('NFKC').replace(/[\s,，]/g, '');
  return /^\d+$/.test(t) ? Number(t) : null;
}

const isNumberish = (raw: string) =>
  /^[\d\s０-９,，]*$|^[/／—\-–]$|^$/.test(raw.normalize('NFKC').trim());

/** The last `n` cells of a row that look like numbers (or missing markers), else undefined. */
function tail(row: string[], n: number): string[] | undefined {
  if (row.length < n) return undefined;
  const t = row.slice(-n);
  return t.every(isNumberish) && t.some((c) => /\d/.test(c)) ? t : undefined;
}

// Labels are NFKC-normalised first, so （三） arrives as (三).
const GROUPS: [RegExp, string][] = [
  [/\(三\)/, 'r3'],
  [/\(四\)/, 'r4'],
  [/\(五\)/, 'r5'],
  [/\(六\)/, 'r6'],
  [/\(七\)/, ''],
];

export function parseTable3(rows: string[][]): Table3Row[] | undefined {
  const out: Table3Row[] = [];
  let group = '';
  // A label broken over lines (PDF text: 「（二）部分公开（区分处理的，只计这一情」 then
  // 「形，不计其他情形） 447 7 …」) is carried to the line that has the numbers.
  let carry = '';
  for (const row of rows) {
    const nums = tail(row, 7);
    // Cells joined with '|', so a sub-item number is found at the start of its own cell.
    const own = row
      .slice(0, row.length - (nums ? 7 : 0))
      .join('|')
      .normalize('NFKC')
      .replace(/\s+/g, '');
    if (/申请人情况|自然人|勾稽关系/.test(own)) {
      carry = '';
      continue;
    }
    const label = carry ? `${carry}${own}` : own;
    if (!nums) {
      carry = label.slice(-60);
      for (const [re, g] of GROUPS) if (re.test(own)) group = g;
      continue;
    }
    carry = '';
    for (const [re, g] of GROUPS) if (re.test(label)) group = g;
    if (/^\|?\((一|二)\)/.test(label) || /[一二四]、/.test(label)) group = '';
    if (!nums) continue;
    let key: string | undefined;
    if (/本年新收/.test(label)) key = 'new';
    else if (/上年结转/.test(label)) key = 'carried';
    else if (/结转下年/.test(label)) key = 'carryOver';
    else if (/总计/.test(label)) key = 'total';
    else if (/予以公开/.test(label) && !/不予/.test(label)) key = 'r1';
    else if (/部分公开/.test(label)) key = 'r2';
    else {
      const sub = label.match(/(?:^|[|)])(\d)[.、]/)?.[1];
      if (group && sub) key = `${group}.${sub}`;
      else if (group === 'r6') key = 'r6'; // the 2019 template: 其他处理 without sub-rows
    }
    if (!key) continue;
    // Shown to the unit as the page writes it: the row's own label cell, not its group's.
    const shown =
      row
        .slice(0, row.length - 7)
        .filter((c) => c.trim())
        .pop() ?? label;
    out.push({ key, label: shown.replace(/\s+/g, ''), cells: nums.map(cellValue) });
  }
  return out.some((r) => r.key === 'new') ? out : undefined;
}

/**
 * Table rows from extracted text (a PDF's or a DOCX's), one row per line: the label's words as
 * cells, then the numbers. 「（四）无 1.本机关不掌握… 746 12 0 0 10 1 769」 becomes
 * ['（四）无', '1.本机关不掌握…', '746', …].
 */
export function rowsFromText(text: string): string[][] {
  return text
    .split(/\n+/)
    .map((line) =>
      line
        .trim()
        .split(/[ \t\u3000]+/)
        .filter(Boolean),
    )
    .filter((cells) => cells.length > 0);
}

export function parseTable4(rows: string[][]): Cell[] | undefined {
  for (const row of [...rows].reverse()) {
    const nums = tail(row, 15);
    if (nums) return nums.map(cellValue);
  }
  return undefined;
}

const OLD_TEMPLATE = /本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|政府集中采购/;

export function parseReport(tables: string[][][]): ParsedReport {
  const report: ParsedReport = { oldTemplate: false };
  for (const rows of tables) {
    const flat = rows.flat().join(' ');
    if (OLD_TEMPLATE.test(flat)) report.oldTemplate = true;
    if (!report.table3 && /本年新收/.test(flat)) report.table3 = parseTable3(rows);
    if (
      !report.table4 &&
      /行政复议/.test(flat) &&
      /尚未审结|尚未 审结/.test(flat.replace(/\s/g, ' '))
    )
      report.table4 = parseTable4(rows);
    const norm = rows.find(
      (r) => /^行政规范性文件$|^规范性文件$/.test((r[0] ?? '').replace(/\s/g, '')) && r.length >= 4,
    );
    if (norm && !report.normative) {
      const [issued, repealed, valid] = norm.slice(1, 4).map(cellValue);
      report.normative = { issued, repealed, valid };
    }
  }
  return report;
}

/** T3-D: this year's 上年结转 equals last year's 结转下年度, column by column. */
/** A broken relation: what it is (rule and place, stable across runs and wordings) and what to say. */
export interface TableProblem {
  key: string;
  message: string;
}

export function checkCarryOver(thisYear: Table3Row[], lastYear: Table3Row[]): TableProblem[] {
  const carried = thisYear.find((r) => r.key === 'carried');
  const carryOver = lastYear.find((r) => r.key === 'carryOver');
  if (!carried || !carryOver) return [];
  return APPLICANT_COLUMNS.flatMap((col, i) =>
    carried.cells[i] !== null &&
    carryOver.cells[i] !== null &&
    carried.cells[i] !== carryOver.cells[i]
      ? [
          {
            key: `T3-D:${col}`,
            message:
              `表三「${col}」列：本年「上年结转」为 ${carried.cells[i]}，` +
              `而上一年度报告的「结转下年度继续办理」为 ${carryOver.cells[i]}，两者应相等。`,
          },
        ]
      : [],
  );
}

/** T3-E: numbers the prose states against the tables. */
export function checkProse(text: string, report: ParsedReport): TableProblem[] {
  const out: TableProblem[] = [];
  const t3 = report.table3;
  const total = (key: string) => t3?.find((r) => r.key === key)?.cells[6] ?? null;
  const received = text.match(/(?:共|新)?收到[^。；，,]{0,20}?(?:政府信息公开)?申请\s*(\d+)\s*件/);
  const nw = total('new');
  const ca = total('carried');
  if (
    received &&
    nw !== null &&
    Number(received[1]) !== nw &&
    Number(received[1]) !== nw + (ca ?? 0)
  ) {
    out.push({
      key: 'T3-E:received',
      message:
        `正文称收到申请 ${received[1]} 件，而表三「本年新收」为 ${nw} ` +
        `件${ca ? `（加上年结转共 ${nw + ca} 件）` : ''}。`,
    });
  }
  const t4 = report.table4;
  const review = text.match(/行政复议\s*(\d+)\s*件/);
  if (review && t4 && t4[4] !== null && Number(review[1]) !== t4[4])
    out.push({
      key: 'T3-E:review',
      message: `正文称行政复议 ${review[1]} 件，而表四行政复议总计为 ${t4[4]} 件。`,
    });
  const suit = text.match(/行政诉讼\s*(\d+)\s*件/);
  if (suit && t4 && t4[9] !== null && t4[14] !== null && Number(suit[1]) !== t4[9] + t4[14])
    out.push({
      key: 'T3-E:suit',
      message: `正文称行政诉讼 ${suit[1]} 件，而表四两类行政诉讼总计为 ${t4[9] + t4[14]} 件。`,
    });
  return out;
}

export interface Table3Problem {
  rule: 'T3-A' | 'T3-B' | 'T3-C' | 'missing';
  row?: string;
  column?: string;
  message: string;
}

const sum = (xs: Cell[]) =>
  xs.every((x) => x !== null) ? (xs as number[]).reduce((a, b) => a + b, 0) : null;

/** The arithmetic of table 三, each broken relation with its row, column and numbers. */
export function checkTable3(rows: Table3Row[]): Table3Problem[] {
  const problems: Table3Problem[] = [];
  const get = (key: string) => rows.find((r) => r.key === key);
  for (const r of rows) {
    r.cells.forEach((c, i) => {
      if (c === null)
        problems.push({
          rule: 'missing',
          row: r.label,
          column: APPLICANT_COLUMNS[i],
          message:
            `表三「${r.label}」行「${APPLICANT_COLUMNS[i]}」列为空或不是数字，` +
            `应填写数字（没有则填 0）。`,
        });
    });
  }
  const [nw, ca, tot, co] = ['new', 'carried', 'total', 'carryOver'].map(get);
  // T3-B needs every result row: 21 in the 2021 template, 19 in the older one.
  const all = rows.filter((r) => /^r[1-6]/.test(r.key));
  const results = all.length >= 19 ? all : [];
  for (let i = 0; i < 7; i++) {
    const col = APPLICANT_COLUMNS[i];
    if (nw && ca && tot && co) {
      const left = sum([nw.cells[i], ca.cells[i]]);
      const right = sum([tot.cells[i], co.cells[i]]);
      if (left !== null && right !== null && left !== right) {
        problems.push({
          rule: 'T3-A',
          column: col,
          message:
            `表三「${col}」列：一（${nw.cells[i]}）+ 二（${ca.cells[i]}）= ${left}，而三（七）` +
            `总计（${tot.cells[i]}）+ 四（${co.cells[i]}）= ${right}，两者应相等。`,
        });
      }
    }
    if (tot && results.length) {
      const s = sum(results.map((r) => r.cells[i]));
      if (s !== null && tot.cells[i] !== null && s !== tot.cells[i]) {
        problems.push({
          rule: 'T3-B',
          column: col,
          message: `表三「${col}」列：各项办理结果之和为 ${s}，而（七）总计为 ${tot.cells[i]}，两者应相等。`,
        });
      }
    }
  }
  for (const r of rows) {
    const s = sum(r.cells.slice(0, 6));
    if (s !== null && r.cells[6] !== null && s !== r.cells[6]) {
      problems.push({
        rule: 'T3-C',
        row: r.label,
        message: `表三「${r.label}」行：六类申请人之和为 ${s}，而「总计」列为 ${r.cells[6]}，两者应相等。`,
      });
    }
  }
  return withoutEchoes(problems);
}

/**
 * The 总计 column is the sum of the six: a column's error shows again there. Said once, on the
 * column where it is, with the echo named (it had been two findings for one mistake).
 */
function withoutEchoes(problems: Table3Problem[]): Table3Problem[] {
  const total = APPLICANT_COLUMNS[6];
  const echoes = new Set<Table3Problem>();
  for (const rule of ['T3-A', 'T3-B'] as const) {
    const own = problems.filter((p) => p.rule === rule && p.column && p.column !== total);
    const echo = problems.find((p) => p.rule === rule && p.column === total);
    if (own.length && echo) {
      echoes.add(echo);
      own[0].message = `${own[0].message.replace(/。$/, '')}；「${total}」列因此也不相等。`;
    }
  }
  return problems.filter((p) => !echoes.has(p));
}

/** T4-A: per group, 维持 + 纠正 + 其他 + 尚未审结 = 总计. */
export function checkTable4(cells: Cell[]): TableProblem[] {
  if (cells.length !== 15) return [];
  const names = ['行政复议', '行政诉讼（未经复议直接起诉）', '行政诉讼（复议后起诉）'];
  const out: TableProblem[] = [];
  for (let g = 0; g < 3; g++) {
    const part = cells.slice(g * 5, g * 5 + 5);
    const s = sum(part.slice(0, 4));
    if (s !== null && part[4] !== null && s !== part[4])
      out.push({
        key: `T4-A:${g}`,
        message:
          `表四「${names[g]}」：维持、纠正、其他结果、尚未审结之和为 ${s}，而总计为 ${part[4]}，` +
          `两者应相等。`,
      });
    part.forEach((c, i) => {
      if (c === null)
        out.push({
          key: `T4-empty:${g}:${i}`,
          message: `表四「${names[g]}」第 ${i + 1} 列为空或不是数字，应填写数字（没有则填 0）。`,
        });
    });
  }
  return out;
}
