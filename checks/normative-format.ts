import { defineCheck, type AddFinding } from './define.ts';
import { exceedsWorkdays, officialCalendar } from '../src/calendar/workdays.ts';
import { answered, type PageArtifacts } from '../src/contract/page.ts';
import { firstDate } from '../src/extract/dates.ts';
import { attachmentsOf } from '../src/extract/page.ts';
import { docNumberProblems } from './support/doc-number.ts';
import { usableHomepage } from './support/homepage.ts';
import { normativeDocuments } from './support/normative-docs.ts';
import type { CheckContext, RawFinding } from '../src/contract/check.ts';

const calendar = officialCalendar();

const VALIDITY: [RegExp, 'valid' | 'invalid' | 'amended'][] = [
  [/^(有效|现行有效|继续有效|合法有效)$/, 'valid'],
  [/^(失效|已失效|废止|已废止|宣布失效|废除)$/, 'invalid'],
  [/^(已修改|已修订|部分失效|部分修改|修订)$/, 'amended'],
];

export function normalizeValidity(v: string): 'valid' | 'invalid' | 'amended' | undefined {
  const t = v.replace(/\s+/g, '');
  return VALIDITY.find(([re]) => re.test(t))?.[1];
}

const INDEX_RE = /^([0-9A-Z]{9}|[0-9A-HJ-NPQRTUWXY]{18})\/(\d{4})(\d{2})?-\d{5}$/;

const check = defineCheck({
  meta: {
    id: 'normative-format',
    name: '规范性文件格式',
    title:
      '行政规范性文件按标准格式发布：元数据齐全，文号符合 GB/T 9704，标注有效性，提供可下载的 Word ' +
      '和 PDF 版本，成文后 20 个工作日内公开',
    basis:
      '《政府信息公开条例》第二十条、第二十六条；GB/T 9704-2012 §7.2.5；' +
      '本市任务清单「行政规范性文件集中公开」（发布标准电子文本 word 和 pdf 版）',
    advice:
      '按规范补全索引号、发布机构、文号、成文日期、发布日期、有效性等要素，' +
      '文号年份用六角括号〔〕，同时上传可正常打开的 Word 和 PDF 版本，并在成文后 20 ' +
      '个工作日内公开。',
    scope: 'page',
  },
  run(ctx) {
    const home = usableHomepage(ctx);
    if ('outcome' in home) return home.outcome;
    const docs = normativeDocuments(ctx);
    if (docs.length === 0)
      return {
        status: 'not-applicable',
        reason: '未找到行政规范性文件（栏目为空、未找到或由脚本加载）',
        findings: [],
      };
    const rules = ctx.profile.normative;
    const findings: RawFinding[] = [];
    const unknownCalendar = new Set<string>();
    for (const page of docs) {
      const a = page.artifacts!;
      const md = a.metadata;
      const add = (
        severity: RawFinding['severity'],
        key: string,
        message: string,
        evidence: string,
      ) => findings.push({ severity, url: page.url, key, message, evidence });
      const shown =
        Object.entries(md)
          .map(([k, v]) => `${k}：${v || '（空）'}`)
          .join('；') || '页面没有元数据表';
      metadataFindings(md, a, rules, shown, add);
      dateFindings(md, a, rules, unknownCalendar, add);
      if (rules.requireWordAndPdf) fileFindings(ctx, a, add);
    }
    const reason = unknownCalendar.size
      ? `官方节假日数据只覆盖 ${calendar.coverage()} 年，${unknownCalendar.size} 个文件的公开时限处于临界、` +
        `无法判定（${[...unknownCalendar].slice(0, 3).join('，')}）`
      : undefined;
    return {
      status: findings.length ? 'fail' : 'pass',
      findings,
      reason,
      metrics: { documents: docs.length },
    };
  },
});

export default check;

type Rules = CheckContext['profile']['normative'];

/** The required fields and the 文号's form. */
function metadataFindings(
  md: Record<string, string>,
  a: PageArtifacts,
  rules: Rules,
  shown: string,
  add: AddFinding,
) {
  for (const field of rules.requiredFields) {
    if (md[field]?.trim() && !(field === '文号' && /^无$/.test(md[field].trim()))) continue;
    // A field a script writes is not missing, only unseen without a browser (吉林's 有效性).
    if (a.scriptedFields?.includes(field)) continue;
    add(
      'error',
      `field:${field}`,
      `规范性文件缺少「${field}」${field in md ? '（该项为空）' : ''}。`,
      shown,
    );
  }
  if (md.文号?.trim() && !/^无$/.test(md.文号.trim())) {
    // One 文号, one fix: its problems said together (each had been a row of its own).
    const problems = docNumberProblems(md.文号);
    if (problems.length)
      add(
        'warning',
        'docno',
        `文号「${md.文号}」写法不规范：${problems.join('；')}。`,
        `文号：${md.文号}`,
      );
  }
}

/** The 索引号 (form, year), the 有效性 wording, and the time from 成文 to 发布 in working days. */
function dateFindings(
  md: Record<string, string>,
  a: PageArtifacts,
  rules: Rules,
  unknownCalendar: Set<string>,
  add: AddFinding,
) {
  const published = firstDate(md.发布日期) ?? a.pubDate;
  const written = firstDate(md.成文日期);
  const index = md.索引号?.trim();
  if (index && rules.indexNumberPattern && !new RegExp(rules.indexNumberPattern).test(index)) {
    add(
      'warning',
      'index-format',
      `索引号「${index}」的格式不符合要求。`,
      `要求的格式：${rules.indexNumberPattern}`,
    );
  }
  // The year in a 索引号 is the year the document was made on many platforms (the national
  // portal's), the year it was published on others: only a year that is neither is wrong.
  const year = index?.match(INDEX_RE)?.[2];
  const years = [written, published].filter((d): d is string => !!d).map((d) => d.slice(0, 4));
  if (year && years.length && !years.includes(year)) {
    const dates = [written && `成文日期 ${written}`, published && `发布日期 ${published}`]
      .filter(Boolean)
      .join('、');
    add(
      'warning',
      'index-year',
      `索引号「${index}」中的年份 ${year} 与${dates}均不符。`,
      `索引号：${index}；${dates}`,
    );
  }
  if (md.有效性?.trim() && !normalizeValidity(md.有效性)) {
    add(
      'warning',
      'validity',
      `有效性标注「${md.有效性}」不规范，应为「有效」「失效」「已修改」等。`,
      `有效性：${md.有效性}`,
    );
  }
  if (written && published) {
    const lag = exceedsWorkdays(calendar, written, published, rules.maxPublishLagWorkdays);
    if (lag === undefined) unknownCalendar.add(`${written}→${published}`);
    else if (lag.over) {
      const days = lag.exact
        ? `${lag.days} 个工作日`
        : `至少 ${lag.days} 个工作日（按任何节假日安排）`;
      add(
        'warning',
        'lag',
        `成文日期 ${written} 后 ${days}才公开（发布日期 ${published}），超过 ${rules.maxPublishLagWorkdays} ` +
          `个工作日。`,
        `成文日期：${written}；发布日期：${published}`,
      );
    }
  }
}

/** The Word and PDF versions: present, downloadable, what their names say, text in the PDF. */
function fileFindings(ctx: CheckContext, a: PageArtifacts, add: AddFinding) {
  const files = attachmentsOf(a).map((l) => ({ link: l, target: ctx.byUrl.get(l.url) }));
  const word = files.filter((f) => /\.(docx?|wps)$/i.test(new URL(f.link.url).pathname));
  const pdf = files.filter((f) => /\.pdf$/i.test(new URL(f.link.url).pathname));
  const listed = `附件：${files.map((f) => f.link.text || f.link.url).join('、') || '无'}`;
  if (word.length === 0)
    add('error', 'no-word', '规范性文件未提供 Word（doc/docx/wps）版本。', listed);
  if (pdf.length === 0) add('error', 'no-pdf', '规范性文件未提供 PDF 版本。', listed);
  for (const f of [...word, ...pdf]) {
    const t = f.target;
    if (!t || t.errorClass === 'policy') continue;
    const ext = new URL(f.link.url).pathname.split('.').pop()!.toLowerCase();
    if (!answered(t)) {
      add(
        'error',
        `download:${f.link.url}`,
        `附件「${f.link.text || ext}」无法下载（${t.error ?? `HTTP ${t.status}`}）。`,
        f.link.url,
      );
      continue;
    }
    const expected = ext === 'pdf' ? 'pdf' : ext === 'docx' ? 'zip' : 'ole';
    if (t.format && t.format !== expected) {
      const what =
        t.format === 'html'
          ? '一个网页（多为错误页）'
          : t.format === 'empty'
            ? '空文件'
            : `其他格式（${t.format}）`;
      add(
        'error',
        `fake:${f.link.url}`,
        `附件「${f.link.text || ext}」名为 .${ext}，下载到的却是${what}。`,
        f.link.url,
      );
    } else if (
      ext === 'pdf' &&
      t.format === 'pdf' &&
      t.text !== undefined &&
      t.text.replace(/\s/g, '').length < 20
    ) {
      add(
        'warning',
        `scan:${f.link.url}`,
        `PDF 附件「${f.link.text || 'pdf'}」没有可提取的文字（疑为扫描件），不便检索和无障碍阅读。`,
        f.link.url,
      );
    }
  }
}
