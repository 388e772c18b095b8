import type { PageRecord } from '../src/crawl/crawl-unit.ts';
import { checkTable3, checkTable4, parseReport } from './support/annual-report-tables.ts';
import { columnState, findColumns } from './support/columns.ts';
import { usableHomepage } from './support/homepage.ts';
import { pageIndex } from './support/page-index.ts';
import type { Check, RawFinding } from './types.ts';

const SECTIONS: [string, RegExp][] = [
  ['一、总体情况', /一、\s*总体情况/],
  ['二、主动公开政府信息情况', /二、\s*主动公开政府信息情况/],
  ['三、收到和处理政府信息公开申请情况', /三、\s*收到和处理政府信息公开申请情况/],
  ['四、政府信息公开行政复议、行政诉讼情况', /四、\s*(政府信息公开行政复议、行政诉讼情况|因政府信息公开工作被申请行政复议和提起行政诉讼情况)/],
  ['五、存在的主要问题及改进情况', /五、\s*存在的主要问题及改进情况/],
  ['六、其他需要报告的事项', /六、\s*其他需要报告的事项/],
];
const REPORT_TITLE = /((?:19|20)\d{2})\s*年\s*(?:度)?.{0,30}(政府信息公开工作)?年度报告|((?:19|20)\d{2})\s*年(?:度)?.{0,10}年报/;

interface Report {
  year: number;
  title: string;
  url: string;
  date?: string;
  page?: PageRecord;
}

const check: Check = {
  id: 'annual-report',
  name: '信息公开年报',
  title: '按时发布上一年度政府信息公开工作年度报告，采用现行模板（国办公开办函〔2021〕30号），六部分齐全、表格数字勾稽一致',
  basis: '《政府信息公开条例》第四十九、五十条；国办公开办函〔2021〕30号 年度报告格式（表三「第一项加第二项之和，等于第三项加第四项之和」）',
  advice: '按国办公开办函〔2021〕30号模板编制年报，逐项核对表格数字的勾稽关系，在规定期限内发布于「政府信息公开年报」栏目。',
  scope: 'site',
  run(ctx) {
    const home = usableHomepage(ctx);
    if ('outcome' in home) return home.outcome;
    const findings: RawFinding[] = [];
    const add = (severity: RawFinding['severity'], url: string, key: string, message: string, evidence: string) => findings.push({ severity, url, key, message, evidence });
    // The reports: items of the 年报 column, and any crawled page titled as one.
    const reports = new Map<string, Report>();
    const col = findColumns(ctx).get('xxgk-annual-report');
    if (col?.page?.artifacts && columnState(col, ctx.asOf).state === 'ok') {
      for (const item of col.page.artifacts.listItems) {
        const m = item.title.match(REPORT_TITLE);
        if (m) reports.set(item.url, { year: Number(m[1] ?? m[3]), title: item.title, url: item.url, date: item.date, page: ctx.byUrl.get(item.url) });
      }
    }
    for (const x of pageIndex(ctx)) {
      const m = x.title.match(REPORT_TITLE);
      if (m && !reports.has(x.page.url)) reports.set(x.page.url, { year: Number(m[1] ?? m[3]), title: x.title, url: x.page.url, date: x.date, page: x.page });
    }
    const asOfYear = Number(ctx.asOf.slice(0, 4));
    const deadline = ctx.profile.annualReport.deadlines[ctx.unit.kind] ?? ctx.profile.annualReport.deadlines.default;
    // The report due most recently: last year's, once its deadline has passed.
    const dueYear = `${ctx.asOf.slice(5)}` > deadline ? asOfYear - 1 : asOfYear - 2;
    const due = [...reports.values()].filter((r) => r.year === dueYear);
    const homeUrl = ctx.homepage!.url;
    if (due.length === 0) {
      add('error', col?.url ?? homeUrl, `missing:${dueYear}`, `未找到 ${dueYear} 年度政府信息公开工作年度报告（应于 ${dueYear + 1}-${deadline} 前发布）。`, col ? `年报栏目 ${col.url} 中的报告：${[...reports.values()].map((r) => r.year).sort().join('、') || '无'}` : '未找到年报栏目');
    } else {
      const r = due[0];
      if (r.date && r.date > `${dueYear + 1}-${deadline}`) add('warning', r.url, `late:${dueYear}`, `${dueYear} 年度报告发布于 ${r.date}，晚于 ${dueYear + 1}-${deadline} 的期限。`, `${r.title}：${r.date}`);
    }
    const manual: string[] = [];
    let normativeValid: number | undefined;
    for (const r of [...reports.values()].filter((x) => x.year >= dueYear - 1)) {
      const a = r.page?.artifacts;
      if (!a?.tables) {
        manual.push(`${r.year} 年度（${r.page ? '附件或图片形式' : '未抓取'}）`);
        continue;
      }
      const parsed = parseReport(a.tables);
      if (parsed.oldTemplate && r.year >= 2021) add('error', r.url, `old-template:${r.year}`, `${r.year} 年度报告仍使用 2021 年以前的旧模板（表二出现「本年新制作数量」等旧项目）。`, '国办公开办函〔2021〕30号 已发布新模板');
      const text = r.page?.text ?? '';
      const missing = SECTIONS.filter(([, re]) => !re.test(text)).map(([name]) => name);
      if (missing.length && !parsed.oldTemplate) add('warning', r.url, `sections:${r.year}`, `${r.year} 年度报告缺少或改动了模板规定的部分：${missing.join('、')}。`, '模板六部分：一、总体情况 … 六、其他需要报告的事项');
      if (!parsed.table3) manual.push(`${r.year} 年度（表三无法识别）`);
      for (const p of checkTable3(parsed.table3 ?? [])) add('error', r.url, `${r.year}:${p.rule}:${p.row ?? ''}:${p.column ?? ''}`, `${r.year} 年度报告 ${p.message}`, `勾稽关系 ${p.rule}`);
      for (const m of checkTable4(parsed.table4 ?? [])) add('error', r.url, `${r.year}:T4:${m.slice(0, 20)}`, `${r.year} 年度报告 ${m}`, '勾稽关系 T4-A');
      if (r.year === dueYear && parsed.normative?.valid !== null) normativeValid = parsed.normative?.valid ?? undefined;
    }
    const reason = manual.length ? `以下年报需人工核查：${manual.join('；')}` : undefined;
    return { status: findings.length ? 'fail' : 'pass', findings, reason, metrics: { reports: [...reports.values()].map((r) => r.year), dueYear, normativeValid } };
  },
};

export default check;
