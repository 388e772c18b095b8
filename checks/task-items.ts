// The city's task list, where the site shows it: an item may name a column (专栏) the unit must
// keep, or topics whose recent pages, list items or attachments are its evidence (涉农补贴 +
// 发放, 核酸检测机构). Each applicable item gets 达标 / 未达标 / 待核实 with what was found or
// what was searched. Absence of a topic in a crawl is never 未达标 (the crawl may not reach the
// page): it is 待核实 and goes to the 工作台账; a missing, blank or stale column is 未达标.
import { defineCheck } from './define.ts';
import { addMonths } from '../src/extract/dates.ts';
import { normLabel } from '../src/extract/normalize.ts';
import { responsibilityOf } from '../src/config/responsibility.ts';
import { columnState, findNamedColumn } from './support/columns.ts';
import { usableHomepage } from './support/homepage.ts';
import { pageIndex } from './support/page-index.ts';
import { looksOf } from './support/looks.ts';
import type { PageArtifacts, PageRecord } from '../src/contract/page.ts';
import type { ChecklistItem } from '../src/config/schema.ts';
import type { CheckContext, DetailTable, RawFinding } from '../src/contract/check.ts';

export type TaskStatus = '达标' | '未达标' | '待核实';

/** What the site showed for one item: the verdict, the pages found, the search made. */
export interface TaskEvidence {
  status: TaskStatus;
  /** One sentence: why this verdict. */
  why: string;
  found: { title: string; url: string; date?: string }[];
  searched: string;
}

interface Titled {
  title: string;
  url: string;
  date?: string;
}

const MAX_SHOWN = 3;

/** Keeps a URL's first title, or its first dated one. */
function addTitled(byUrl: Map<string, Titled>, t: Titled): void {
  const prev = byUrl.get(t.url);
  if (!prev || (!prev.date && t.date)) byUrl.set(t.url, { ...t, title: normLabel(t.title) });
}

/**
 * What the check reads of every page: its list items and its body links' words, kept by URL
 * as the pages are read (a site's pages repeat most of their links).
 */
const LOOK = {
  // Nothing to read without a task list.
  env: (ctx: CheckContext) => Boolean(ctx.profile.checklistData),
  page(a: PageArtifacts, listed: boolean): Titled[] | undefined {
    if (!listed) return undefined;
    const out: Titled[] = a.listItems.map((i) => ({ title: i.title, url: i.url, date: i.date }));
    for (const l of a.links)
      if (l.area === 'body' && l.text.length >= 4 && l.text.length <= 80)
        out.push({ title: l.text, url: l.url });
    return out.length ? out : undefined;
  },
  keep: {
    start: () => new Map<string, Titled>(),
    add: (kept: Map<string, Titled>, _page: PageRecord, look: Titled[]) =>
      look.forEach((t) => addTitled(kept, t)),
  },
};

/** Every title the crawl saw once: pages' own first, then list items and link texts. */
function titles(ctx: CheckContext): Titled[] {
  const byUrl = new Map<string, Titled>();
  for (const p of pageIndex(ctx))
    addTitled(byUrl, { title: p.title, url: p.page.url, date: p.date });
  for (const [url, t] of looksOf(ctx, 'task-items', LOOK)) {
    const prev = byUrl.get(url);
    if (!prev || (!prev.date && t.date)) byUrl.set(url, t);
  }
  return [...byUrl.values()];
}

function topicEvidence(
  ctx: CheckContext,
  all: Titled[],
  e: NonNullable<ChecklistItem['evidence']>,
  since: string,
): TaskEvidence {
  const groups = e.topics.map((words) => words.map(normLabel));
  const searched = `在 ${all.length} 个标题中查找「${e.topics.map((g) => g.join('+')).join('」「')}」（${since} 以来）`;
  const hits = groups.map((g) => all.filter((t) => g.every((w) => t.title.includes(w))));
  const recent = hits.map((h) =>
    h.filter((t) => t.date && t.date >= since && t.date <= ctx.asOf).sort(byDateDesc),
  );
  const met = recent.filter((r) => r.length > 0).length;
  const ok = e.need === 'all' ? met === groups.length : met > 0;
  const found = recent.flat().slice(0, MAX_SHOWN);
  if (ok)
    return { status: '达标', why: `找到 ${recent.flat().length} 条相关信息`, found, searched };
  const older = hits.flat().sort(byDateDesc).slice(0, MAX_SHOWN);
  const missing = e.topics.filter((_, i) => recent[i].length === 0).map((g) => g.join('+'));
  const why = older.length
    ? `${since} 以来未见「${missing.join('」「')}」的信息；更早或未注明日期的有 ${older.length} 条`
    : `已抓取的页面中未见「${missing.join('」「')}」的信息`;
  return { status: '待核实', why, found: [...found, ...older].slice(0, MAX_SHOWN), searched };
}

const unique = (ts: Titled[]) => [...new Map(ts.map((t) => [t.url, t])).values()];

const byDateDesc = (a: Titled, b: Titled) => (b.date ?? '').localeCompare(a.date ?? '');

function columnEvidence(ctx: CheckContext, names: string[], since: string): TaskEvidence {
  const searched = `在首页、信息公开平台和二级页面的导航中查找栏目「${names.join('」或「')}」`;
  const col = findNamedColumn(ctx, names);
  if (!col) return { status: '未达标', why: `未见「${names[0]}」栏目`, found: [], searched };
  const s = columnState(col, ctx.asOf);
  const found = [{ title: `栏目「${col.text}」`, url: col.url, date: s.latest }];
  const verdict = (status: TaskStatus, why: string) => ({ status, why, found, searched });
  if (s.state === 'blank') return verdict('未达标', `栏目「${col.text}」为空白栏目`);
  if (s.state !== 'ok') return verdict('待核实', `栏目「${col.text}」未能读取（${s.state}）`);
  if (!s.latest) return verdict('待核实', `栏目「${col.text}」的信息均未注明日期`);
  if (s.latest < since)
    return verdict('未达标', `栏目「${col.text}」最近一条发布于 ${s.latest}，${since} 以来未更新`);
  return verdict('达标', `栏目「${col.text}」最近一条发布于 ${s.latest}`);
}

/** Column and topics together: a named column decides 未达标; either one found is 达标. */
export function itemEvidence(ctx: CheckContext, item: ChecklistItem, all: Titled[]): TaskEvidence {
  const e = item.evidence!;
  const since = addMonths(ctx.asOf, -e.months);
  const col = e.columns.length ? columnEvidence(ctx, e.columns, since) : undefined;
  const topic = e.topics.length ? topicEvidence(ctx, all, e, since) : undefined;
  const parts = [col, topic].filter((x): x is TaskEvidence => x !== undefined);
  const pick =
    parts.find((p) => p.status === '未达标' && p === col) ??
    parts.find((p) => p.status === '达标') ??
    parts[0];
  return {
    ...pick,
    found: unique(parts.flatMap((p) => p.found)).slice(0, MAX_SHOWN),
    searched: parts.map((p) => p.searched).join('；'),
  };
}

const check = defineCheck({
  meta: {
    id: 'task-items',
    name: '任务清单',
    title: '任务清单中要求在网站展示的专栏和信息，本单位网站已公开且在期限内更新',
    basis: '本地政务公开重点工作任务清单（profile 的 checklist）各项「具体要求」和「备注」',
    advice:
      '按任务清单的具体要求和备注开设专栏、公开相关信息；' +
      '已通过其他渠道落实的，在工作台账中登记佐证材料。',
    scope: 'site',
  },
  look: LOOK,
  run(ctx) {
    const list = ctx.profile.checklistData;
    if (!list) return { status: 'not-applicable', reason: '规则配置未设任务清单', findings: [] };
    const home = usableHomepage(ctx);
    if ('outcome' in home) return home.outcome;
    const mine = list.items.filter((i) => i.evidence && responsibilityOf(i, ctx.unit).applies);
    if (!mine.length)
      return {
        status: 'not-applicable',
        reason: '任务清单中没有本单位负责且可在网站核查的事项',
        findings: [],
      };
    const all = titles(ctx);
    const items: Record<string, TaskEvidence> = {};
    const findings: RawFinding[] = [];
    const rows: DetailTable['rows'] = [];
    for (const item of mine) {
      let ev = itemEvidence(ctx, item, all);
      // 有关单位: the list does not say which; absence is for the ledger, never 未达标.
      if (ev.status === '未达标' && responsibilityOf(item, ctx.unit).role === 'related')
        ev = {
          ...ev,
          status: '待核实',
          why: `${ev.why}（本单位为「有关单位」之一，请在台账中说明）`,
        };
      items[item.id] = ev;
      rows.push({
        cells: [
          { value: item.id },
          { value: item.title },
          { value: ev.status, bad: ev.status === '未达标' },
          {
            value: [ev.why, ...ev.found.map((f) => `${f.title}${f.date ? ` ${f.date}` : ''}`)].join(
              '；',
            ),
          },
        ],
      });
      if (ev.status !== '未达标') continue;
      findings.push({
        severity: 'warning',
        url: ev.found[0]?.url ?? ctx.homepage!.url,
        key: `task:${item.id}`,
        message: `任务清单第 ${item.id} 项「${item.title}」未达标：${ev.why}。`,
        evidence: `${ev.searched}${item.remark ? `；整改要求：${item.remark}` : ''}`,
      });
    }
    return {
      status: findings.length ? 'fail' : 'pass',
      findings,
      metrics: { items },
      details: [
        {
          kind: 'table',
          title: '任务清单网站核查',
          header: ['序号', '任务', '结论', '依据'],
          rows,
        },
      ],
    };
  },
});

export default check;
