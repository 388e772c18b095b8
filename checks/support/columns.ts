// Finds the unit's columns (栏目) from navigation links: the 政府信息公开 platform entry on the
// homepage, then the profile's columns by name and alias on the homepage, the platform page
// and other shallow pages. Names are compared after NFKC, without spaces and without a
// leading 「政府」, and only on short link texts (a news title that mentions 动态 is no column).
import type { ColumnRule } from '../../src/config/schema.ts';
import { normLabel } from '../../src/extract/normalize.ts';
import type { CheckContext } from '../../src/contract/check.ts';
import { answered, type PageRecord } from '../../src/contract/page.ts';

export interface FoundColumn {
  /** The profile's rule, for a required or watched column; absent for the site's own columns. */
  rule?: ColumnRule;
  text: string;
  url: string;
  /** The page whose navigation links to it. */
  from: string;
  page?: PageRecord;
}

/** A column the profile names (required or watched). */
export type ProfileColumn = FoundColumn & { rule: ColumnRule };

export interface ColumnState {
  state: 'ok' | 'failed' | 'not-fetched' | 'script-filled' | 'blank';
  datedItems: number;
  contentLinks: number;
  latest?: string;
}

const MAX_NAME = 16;

export function normColumnName(text: string): string {
  return normLabel(text)
    .replace(/^政府(?=信息公开)/, '')
    .replace(/[>»›·|「」【】\[\]]/g, '');
}

function ruleNames(rule: ColumnRule): string[] {
  return [rule.name, ...rule.aliases].map(normColumnName);
}

/** 3: the name or an alias exactly; 2: contains one (and not much else); 0: no match. */
function matchScore(t: string, names: string[]): number {
  if (!t || t.length > MAX_NAME) return 0;
  if (names.includes(t)) return 3;
  if (names.some((n) => t.includes(n) && t.length <= n.length + 6)) return 2;
  return 0;
}

export function resolvePage(ctx: CheckContext, url: string): PageRecord | undefined {
  return ctx.byUrl.get(url) ?? ctx.pages.find((p) => p.finalUrl === url);
}

/** The 政府信息公开 platform page: `disclosure` from config, else the homepage link to it. */
export function findPlatform(ctx: CheckContext): { url: string; text: string } | undefined {
  if (ctx.unit.disclosure) return { url: ctx.unit.disclosure, text: '（配置的信息公开平台）' };
  const names = ctx.profile.platformNames.map(normColumnName);
  for (const link of ctx.homepage?.artifacts?.links ?? []) {
    const t = normColumnName(link.text);
    if (names.includes(t) || names.some((n) => t.includes(n) && t.length <= n.length + 2))
      return { url: link.url, text: link.text };
  }
  return undefined;
}

// Three checks ask for the same columns of the same context: find them once.
const memo = new WeakMap<CheckContext, Map<string, ProfileColumn>>();

export function findColumns(ctx: CheckContext): Map<string, ProfileColumn> {
  let found = memo.get(ctx);
  if (!found) memo.set(ctx, (found = discoverColumns(ctx)));
  return found;
}

/** Where navigation is read: the homepage, the platform page, then other shallow pages. */
function columnSources(ctx: CheckContext): PageRecord[] {
  const platform = findPlatform(ctx);
  const platformPage = platform && resolvePage(ctx, platform.url);
  const sources = [ctx.homepage, platformPage].filter((p): p is PageRecord => Boolean(p));
  for (const p of ctx.pages)
    if (p.depth <= 2 && p !== ctx.homepage && p !== platformPage) sources.push(p);
  return sources;
}

/** A navigation link that may name a column: its normalised name, where it leads, its page. */
interface Candidate {
  t: string;
  text: string;
  url: string;
  from: string;
}

const navMemo = new WeakMap<CheckContext, Candidate[]>();

/**
 * The source pages' links that may name a column, in the sources' order, each name once: a
 * later link of the same name scores the same, so never above the first. Read once a context:
 * the task list asks for its columns item by item, and each ask read every shallow page's
 * artifacts again.
 */
function candidates(ctx: CheckContext): Candidate[] {
  const got = navMemo.get(ctx);
  if (got) return got;
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const source of columnSources(ctx)) {
    const a = source.artifacts;
    if (!a) continue;
    // Items of a list are articles, not columns, whatever their titles say.
    const items = new Set(a.listItems.map((i) => i.url));
    for (const link of a.links) {
      if (link.area === 'footer' || items.has(link.url) || link.text.length > MAX_NAME * 2)
        continue;
      const t = normColumnName(link.text);
      if (!t || t.length > MAX_NAME || seen.has(t)) continue;
      seen.add(t);
      out.push({ t, text: link.text, url: link.url, from: source.url });
    }
  }
  navMemo.set(ctx, out);
  return out;
}

/** Best link for each name list (by key), over the navigation of every source page. */
function discover<K>(ctx: CheckContext, wanted: [K, string[]][]): Map<K, FoundColumn & { key: K }> {
  const found = new Map<K, FoundColumn & { key: K; score: number }>();
  for (const { t, text, url, from } of candidates(ctx))
    for (const [key, names] of wanted) {
      const score = matchScore(t, names);
      if (score === 0) continue;
      const prev = found.get(key);
      if (prev && prev.score >= score) continue;
      found.set(key, { key, text, url, from, page: resolvePage(ctx, url), score });
    }
  return new Map([...found].map(([k, { score: _s, ...v }]) => [k, v]));
}

function discoverColumns(ctx: CheckContext): Map<string, ProfileColumn> {
  const rules = new Map(ctx.profile.columns.map((rule) => [rule.id, rule]));
  const found = discover(
    ctx,
    [...rules.values()].map((rule) => [rule.id, ruleNames(rule)]),
  );
  return new Map(
    [...found].map(([id, { key: _k, ...col }]) => [id, { ...col, rule: rules.get(id)! }]),
  );
}

/** A column by any of these names (a task list's 专栏), if the navigation has one. */
export function findNamedColumn(ctx: CheckContext, names: string[]): FoundColumn | undefined {
  const col = discover(ctx, [[0, names.map(normColumnName)]]).get(0);
  return col && { text: col.text, url: col.url, from: col.from, page: col.page };
}

/** What a column page shows: dated items, links into the column, or nothing. */
export function columnState(col: FoundColumn, asOf: string): ColumnState {
  const p = col.page;
  if (!p) return { state: 'not-fetched', datedItems: 0, contentLinks: 0 };
  if (!answered(p) || !p.artifacts) return { state: 'failed', datedItems: 0, contentLinks: 0 };
  const a = p.artifacts;
  const dates = a.listItems
    .map((i) => i.date)
    .filter((d) => d <= asOf)
    .sort();
  const base = new URL(p.finalUrl);
  const dir = base.pathname.replace(/[^/]*$/, '');
  const contentLinks = a.links.filter((l) => {
    if (l.area !== 'body') return false;
    const u = new URL(l.url);
    if (u.host !== base.host || u.pathname === base.pathname) return false;
    const rest = u.pathname.slice(dir.length);
    return u.pathname.startsWith(dir) && rest !== '' && !/^(index(_\d+)?\.s?html?|)$/i.test(rest);
  }).length;
  const state: ColumnState['state'] =
    dates.length > 0 || contentLinks > 0 ? 'ok' : a.scriptFilled ? 'script-filled' : 'blank';
  return { state, datedItems: dates.length, contentLinks, latest: dates.at(-1) };
}

/** Columns the profile requires for this unit's kind. */
export function requiredColumns(ctx: CheckContext): ColumnRule[] {
  return ctx.profile.columns.filter((c) => c.requiredFor.includes(ctx.unit.kind));
}

// Navigation entries that are no column: they never list information.
const NOT_A_COLUMN = new RegExp(
  `^(${[
    '首页',
    '网站首页',
    '返回首页',
    '主页',
    '网站地图',
    '站点地图',
    '联系我们',
    'english',
    '无障碍',
    '无障碍浏览',
    '关怀版',
    '长者模式',
    '适老化',
    '登录',
    '注册',
    '搜索',
    '高级搜索',
    'rss',
    '更多',
    '加入收藏',
    '设为首页',
    '简体',
    '繁体',
    '繁體',
    '打印',
    '关闭',
    '帮助',
    '网站声明',
    '隐私声明',
    '版权声明',
    '免责声明',
    '关于我们',
    '手机版',
    '移动版',
    '微信',
    '微博',
  ].join('|')})$`,
);

/**
 * Every column the site shows: the profile's columns, and each entry of the homepage's navigation
 * and of the 政府信息公开 platform's menus (19号 counts every 空白栏目, not only required ones).
 */
export function siteColumns(ctx: CheckContext): FoundColumn[] {
  const profileCols = [...findColumns(ctx).values()];
  const out: FoundColumn[] = [...profileCols];
  const seen = new Set(profileCols.map((c) => c.url));
  const platform = findPlatform(ctx);
  const platformPage = platform && resolvePage(ctx, platform.url);
  const sources = [ctx.homepage, platformPage].filter((p): p is PageRecord => !!p?.artifacts);
  const hosts = new Set(sources.map((p) => new URL(p.finalUrl).host));
  for (const source of sources) {
    const a = source.artifacts!;
    const items = new Set(a.listItems.map((i) => i.url));
    const menu =
      source === platformPage
        ? (area: string) => area !== 'footer'
        : (area: string) => area === 'nav';
    for (const link of a.links) {
      const name = normColumnName(link.text);
      if (!menu(link.area) || items.has(link.url) || seen.has(link.url)) continue;
      if (name.length < 2 || name.length > 12 || NOT_A_COLUMN.test(name) || /\d{4}/.test(name))
        continue;
      const u = new URL(link.url);
      if (!hosts.has(u.host) || /\.(docx?|pdf|xlsx?|wps|zip|rar)$/i.test(u.pathname)) continue;
      if (link.url === ctx.homepage?.url || link.url === platform?.url) continue;
      seen.add(link.url);
      out.push({
        text: link.text,
        url: link.url,
        from: source.url,
        page: resolvePage(ctx, link.url),
      });
    }
  }
  return out;
}

const EMPTY_MARKER = new RegExp(
  [
    /暂无(信息|数据|内容|记录|相关)/,
    /没有(相关|找到)?(的)?(信息|数据|记录|内容)/,
    /无相关(信息|内容)/,
    /共\s*0\s*(条|篇|页)/,
    /正在建设|建设中|敬请期待|信息正在(更新|完善|整理)/,
  ]
    .map((r) => r.source)
    .join('|'),
);

/** A page's text without its <title>, which leads the text and differs on every page. */
function bodyText(p: PageRecord): string {
  const t = p.text ?? '';
  const title = p.artifacts?.title ?? '';
  return title && t.startsWith(title) ? t.slice(title.length) : t;
}

/**
 * What a page shows of its own: its text less what it shares at the start (header, navigation)
 * and the end (footer) with other pages of the site, the shortest over a few of them.
 */
export function ownText(page: PageRecord, others: PageRecord[]): string {
  const t = bodyText(page);
  let own = t;
  for (const other of others) {
    if (other === page || other.finalUrl === page.finalUrl || !other.text) continue;
    const r = bodyText(other);
    if (r === t) continue;
    let pre = 0;
    while (pre < t.length && pre < r.length && t[pre] === r[pre]) pre++;
    let suf = 0;
    while (
      suf < t.length - pre &&
      suf < r.length - pre &&
      t[t.length - 1 - suf] === r[r.length - 1 - suf]
    )
      suf++;
    const rest = t.slice(pre, t.length - suf).trim();
    if (rest.length < own.length) own = rest;
  }
  return own;
}

/**
 * Whether a column page lists nothing: no items and no links into the column, and what it shows
 * of its own is an 「暂无信息」 or next to nothing. A page of text (机构职能) is not blank.
 */
export function isBlankColumn(col: FoundColumn, state: ColumnState, others: PageRecord[]): boolean {
  if (state.state !== 'blank' || !col.page) return false;
  // A section's landing page that leads to pages of its own (sub-columns elsewhere on the site,
  // links no other page of the template has) lists something.
  const template = new Set(
    others.filter((o) => o !== col.page).flatMap((o) => o.artifacts?.links.map((l) => l.url) ?? []),
  );
  const host = new URL(col.page.finalUrl).host;
  const ownLinks = (col.page.artifacts?.links ?? []).filter(
    (l) =>
      l.area === 'body' &&
      !template.has(l.url) &&
      l.url !== col.page!.finalUrl &&
      new URL(l.url).host === host,
  );
  if (ownLinks.length >= 2) return false;
  const own = ownText(col.page, others);
  if (EMPTY_MARKER.test(own)) return true;
  const name = normColumnName(col.text);
  return (
    normLabel(own)
      .replaceAll(name, '')
      .replace(/[>»›：:/|·-]/g, '').length < 15
  );
}
