import { defineCheck } from './define.ts';
import { attachmentsOf } from '../src/extract/page.ts';
import {
  APPLICANT_COLUMNS,
  checkCarryOver,
  checkProse,
  checkTable3,
  checkTable4,
  parseReport,
  rowsFromText,
  type Table3Problem,
  type Table3Row,
} from './support/annual-report-tables.ts';
import { columnState, findColumns } from './support/columns.ts';
import { usableHomepage } from './support/homepage.ts';
import { pageIndex } from './support/page-index.ts';
import type { CheckContext, DetailTable, RawFinding, Severity } from '../src/contract/check.ts';
import type { PageRecord } from '../src/contract/page.ts';

const SECTIONS: [string, RegExp][] = [
  ['一、总体情况', /一、\s*总体情况/],
  ['二、主动公开政府信息情况', /二、\s*主动公开政府信息情况/],
  ['三、收到和处理政府信息公开申请情况', /三、\s*收到和处理政府信息公开申请情况/],
  [
    '四、政府信息公开行政复议、行政诉讼情况',
    new RegExp(
      '四、\\s*(政府信息公开行政复议、行政诉讼情况|' +
        '因政府信息公开工作被申请行政复议和提起行政诉讼情况)',
    ),
  ],
  ['五、存在的主要问题及改进情况', /五、\s*存在的主要问题及改进情况/],
  ['六、其他需要报告的事项', /六、\s*其他需要报告的事项/],
];
const REPORT_TITLE =
  /((?:19|20)\d{2})\s*年\s*(?:度)?.{0,30}(政府信息公开工作)?年度报告|((?:19|20)\d{2})\s*年(?:度)?.{0,10}年报/;

interface Report {
  year: number;
  title: string;
  url: string;
  date?: string;
  page?: PageRecord;
}

const check = defineCheck({
  meta: {
    id: 'annual-report',
    name: '信息公开年报',
    title:
      '按时发布上一年度政府信息公开工作年度报告，采用现行模板（国办公开办函〔2021〕30号），' +
      '六部分齐全、表格数字勾稽一致',
    basis:
      '《政府信息公开条例》第四十九、五十条；国办公开办函〔2021〕30号 ' +
      '年度报告格式（表三「第一项加第二项之和，等于第三项加第四项之和」）',
    advice:
      '按国办公开办函〔2021〕30号模板编制年报，逐项核对表格数字的勾稽关系，' +
      '在规定期限内发布于「政府信息公开年报」栏目。',
    scope: 'site',
  },
  run(ctx) {
    const home = usableHomepage(ctx);
    if ('outcome' in home) return home.outcome;
    const findings: RawFinding[] = [];
    const add: Add = (severity, url, key, message, evidence) =>
      void findings.push({ severity, url, key, message, evidence });
    const { reports, col } = findReports(ctx);
    const asOfYear = Number(ctx.asOf.slice(0, 4));
    const deadline =
      ctx.profile.annualReport.deadlines[ctx.unit.kind] ??
      ctx.profile.annualReport.deadlines.default;
    // The report due most recently: last year's, once its deadline has passed.
    const dueYear = `${ctx.asOf.slice(5)}` > deadline ? asOfYear - 1 : asOfYear - 2;
    dueFindings(ctx, reports, col, dueYear, deadline, add);
    const manual: string[] = [];
    let normativeValid: number | undefined;
    let view: DetailTable | undefined;
    const parsedByYear = new Map<number, ReturnType<typeof parseReport>>();
    for (const r of [...reports.values()]
      .filter((x) => x.year >= dueYear - 1)
      .sort((a, b) => a.year - b.year)) {
      const got = readReport(ctx, r);
      if ('manual' in got) {
        manual.push(`${r.year} 年度（${got.manual}）`);
        continue;
      }
      const { parsed, text, source } = got;
      parsedByYear.set(r.year, parsed);
      formFindings(r, text, parsed, add);
      if (!parsed.table3) {
        manual.push(`${r.year} 年度（${source}中的表三无法识别）`);
        continue;
      }
      const problems = tableFindings(
        r,
        parsed.table3,
        parsed,
        text,
        source,
        parsedByYear.get(r.year - 1)?.table3,
        add,
      );
      if (r.year === dueYear) {
        if (typeof parsed.normative?.valid === 'number') normativeValid = parsed.normative.valid;
        view = table3View(r.year, parsed.table3, problems);
      }
    }
    const reason = manual.length ? `以下年报需人工核查：${manual.join('；')}` : undefined;
    return {
      status: findings.length ? 'fail' : 'pass',
      findings,
      reason,
      metrics: { reports: [...reports.values()].map((r) => r.year), dueYear, normativeValid },
      ...(view ? { details: [view] } : {}),
    };
  },
});

/** The report's tables: from its HTML, else from its PDF or DOCX attachment's text. */
function readReport(
  ctx: CheckContext,
  r: Report,
): { parsed: ReturnType<typeof parseReport>; text: string; source: string } | { manual: string } {
  const page = r.page;
  if (!page) return { manual: '未抓取' };
  if (page.artifacts?.tables)
    return { parsed: parseReport(page.artifacts.tables), text: page.text ?? '', source: '网页' };
  const files =
    page.kind === 'attachment'
      ? [page]
      : (page.artifacts ? attachmentsOf(page.artifacts) : [])
          .map((l) => ctx.byUrl.get(l.url))
          .filter((x): x is PageRecord => Boolean(x));
  const doc = files.find(
    (f) => /\.(pdf|docx)$/i.test(new URL(f.url).pathname) && f.text !== undefined,
  );
  if (!doc) return { manual: files.length ? '附件格式无法读取' : '网页中没有表格和可读附件' };
  if (doc.text!.replace(/\s/g, '').length < 50)
    return { manual: '附件为扫描件或图片，无可提取的文字' };
  const ext = new URL(doc.url).pathname.split('.').pop()!.toUpperCase();
  return { parsed: parseReport([rowsFromText(doc.text!)]), text: doc.text!, source: `${ext} 附件` };
}

const GROUP_NAMES: Record<string, string> = {
  r3: '（三）不予公开',
  r4: '（四）无法提供',
  r5: '（五）不予处理',
  r6: '（六）其他处理',
};

/** Table 三 for the report view, with the cells a failed relation involves marked. */
function table3View(year: number, rows: Table3Row[], problems: Table3Problem[]): DetailTable {
  const badColumns = new Set(
    problems.filter((p) => p.column).map((p) => APPLICANT_COLUMNS.indexOf(p.column!)),
  );
  const badRows = new Set(problems.filter((p) => p.row && !p.column).map((p) => p.row));
  const missing = new Set(
    problems.filter((p) => p.rule === 'missing').map((p) => `${p.row}|${p.column}`),
  );
  return {
    kind: 'table',
    title: `${year} 年度报告表三（按报告读取，标红的是不符合勾稽关系的数字）`,
    header: ['项目', ...APPLICANT_COLUMNS],
    rows: rows.map((r) => ({
      cells: [
        {
          value: `${GROUP_NAMES[r.key.split('.')[0]] && r.key.includes('.') ? `${GROUP_NAMES[r.key.split('.')[0]]} ` : ''}${r.label}`,
        },
        ...r.cells.map((c, i) => ({
          value: c ?? '—',
          bad:
            missing.has(`${r.label}|${APPLICANT_COLUMNS[i]}`) ||
            badRows.has(r.label) ||
            (badColumns.has(i) && ['new', 'carried', 'total', 'carryOver'].includes(r.key)),
        })),
      ],
    })),
  };
}

export default check;

type Add = (
  severity: RawFinding['severity'],
  url: string,
  key: string,
  message: string,
  evidence: string,
) => void;

/** The reports: items of the 年报 column, and any crawled page titled as one. */
function findReports(ctx: CheckContext) {
  const reports = new Map<string, Report>();
  const col = findColumns(ctx).get('xxgk-annual-report');
  if (col?.page?.artifacts && columnState(col, ctx.asOf).state === 'ok') {
    for (const item of col.page.artifacts.listItems) {
      const m = item.title.match(REPORT_TITLE);
      if (m)
        reports.set(item.url, {
          year: Number(m[1] ?? m[3]),
          title: item.title,
          url: item.url,
          date: item.date,
          page: ctx.byUrl.get(item.url),
        });
    }
  }
  for (const x of pageIndex(ctx)) {
    const m = x.title.match(REPORT_TITLE);
    if (m && !reports.has(x.page.url))
      reports.set(x.page.url, {
        year: Number(m[1] ?? m[3]),
        title: x.title,
        url: x.page.url,
        date: x.date,
        page: x.page,
      });
  }
  return { reports, col };
}

/** The report's form: the current template, the year it speaks of, its six sections. */
function formFindings(r: Report, text: string, parsed: ReturnType<typeof parseReport>, add: Add) {
  if (parsed.oldTemplate && r.year >= 2021)
    add(
      'error',
      r.url,
      `old-template:${r.year}`,
      `${r.year} 年度报告仍使用 2021 年以前的旧模板（表二出现「本年新制作数量」等旧项目）。`,
      '国办公开办函〔2021〕30号 已发布新模板',
    );
  // The year the report speaks of: the first 「YYYY年」 of 一、总体情况.
  const stated = text.replace(/\s+/g, '').match(/一、总体情况.{0,40}?((?:19|20)\d{2})年/)?.[1];
  if (stated && Number(stated) !== r.year)
    add(
      'warning',
      r.url,
      `year:${r.year}`,
      `报告标题为 ${r.year} 年度，「总体情况」写的却是 ${stated} 年。`,
      `标题：${r.title}`,
    );
  const missing = SECTIONS.filter(([, re]) => !re.test(text)).map(([name]) => name);
  if (missing.length && !parsed.oldTemplate)
    add(
      'warning',
      r.url,
      `sections:${r.year}`,
      `${r.year} 年度报告缺少或改动了模板规定的部分：${missing.join('、')}。`,
      '模板六部分：一、总体情况 … 六、其他需要报告的事项',
    );
}

/** Tables 三 and 四 adding up, the prose agreeing with them, and 结转 against last year's. */
function tableFindings(
  r: Report,
  table3: NonNullable<ReturnType<typeof parseReport>['table3']>,
  parsed: ReturnType<typeof parseReport>,
  text: string,
  source: string,
  last: ReturnType<typeof parseReport>['table3'],
  add: Add,
) {
  const problems = checkTable3(table3);
  for (const p of problems)
    add(
      'error',
      r.url,
      `${r.year}:${p.rule}:${p.row ?? ''}:${p.column ?? ''}`,
      `${r.year} 年度报告 ${p.message}`,
      `勾稽关系 ${p.rule}；数据来源：${source}`,
    );
  // Keys name the rule and the place (table, row, column), never the wording or the numbers.
  const each = (severity: Severity, evidence: string) => (m: { key: string; message: string }) =>
    add(severity, r.url, `${r.year}:${m.key}`, `${r.year} 年度报告 ${m.message}`, evidence);
  checkTable4(parsed.table4 ?? []).forEach(each('error', `勾稽关系 T4-A；数据来源：${source}`));
  checkProse(text, parsed).forEach(each('warning', '正文数字应与表格一致（T3-E）'));
  if (last)
    checkCarryOver(table3, last).forEach(each('error', `与 ${r.year - 1} 年度报告比对（T3-D）`));
  return problems;
}

/** The report due: published, and by its deadline. */
function dueFindings(
  ctx: CheckContext,
  reports: Map<string, Report>,
  col: { url: string } | undefined,
  dueYear: number,
  deadline: string,
  add: Add,
) {
  const due = [...reports.values()].filter((r) => r.year === dueYear);
  const homeUrl = ctx.homepage!.url;
  if (due.length === 0) {
    add(
      'error',
      col?.url ?? homeUrl,
      `missing:${dueYear}`,
      `未找到 ${dueYear} 年度政府信息公开工作年度报告（应于 ${dueYear + 1}-${deadline} 前发布）。`,
      col
        ? `年报栏目 ${col.url} 中的报告：${
            [...reports.values()]
              .map((r) => r.year)
              .sort()
              .join('、') || '无'
          }`
        : '未找到年报栏目',
    );
  } else {
    const r = due[0];
    if (r.date && r.date > `${dueYear + 1}-${deadline}`)
      add(
        'warning',
        r.url,
        `late:${dueYear}`,
        `${dueYear} 年度报告发布于 ${r.date}，晚于 ${dueYear + 1}-${deadline} 的期限。`,
        `${r.title}：${r.date}`,
      );
  }
}
