// Finds the unit's columns (栏目) from navigation links: the 政府信息公开 platform entry on the
// homepage, then the profile's columns by name and alias on the homepage, the platform page
// and other shallow pages. Names are compared after NFKC, without spaces and without a
// leading 「政府」, and only on short link texts (a news title that mentions 动态 is no column).
import type { ColumnRule } from '../../src/config/schema.ts';
import type { PageRecord } from '../../src/crawl/crawl-unit.ts';
import { normLabel } from '../../src/extract/normalize.ts';
import type { CheckContext } from '../types.ts';

export interface FoundColumn {
  rule: ColumnRule;
  text: string;
  url: string;
  /** The page whose navigation links to it. */
  from: string;
  page?: PageRecord;
}

export interface ColumnState {
  state: 'ok' | 'failed' | 'not-fetched' | 'script-filled' | 'blank';
  datedItems: number;
  contentLinks: number;
  latest?: string;
}

const MAX_NAME = 16;

export function normColumnName(text: string): string {
  return normLabel(text).replace(/^政府(?=信息公开)/, '').replace(/[>»›·|「」【】\[\]]/g, '');
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
    if (names.includes(t) || names.some((n) => t.includes(n) && t.length <= n.length + 2)) return { url: link.url, text: link.text };
  }
  return undefined;
}

// Three checks ask for the same columns of the same context: find them once.
const memo = new WeakMap<CheckContext, Map<string, FoundColumn>>();

export function findColumns(ctx: CheckContext): Map<string, FoundColumn> {
  let found = memo.get(ctx);
  if (!found) memo.set(ctx, (found = discoverColumns(ctx)));
  return found;
}

function discoverColumns(ctx: CheckContext): Map<string, FoundColumn> {
  const platform = findPlatform(ctx);
  const sources: PageRecord[] = [];
  if (ctx.homepage?.artifacts) sources.push(ctx.homepage);
  const platformPage = platform && resolvePage(ctx, platform.url);
  if (platformPage?.artifacts) sources.push(platformPage);
  for (const p of ctx.pages) if (p.depth <= 2 && p !== ctx.homepage && p !== platformPage && p.artifacts) sources.push(p);

  const rules = ctx.profile.columns.map((rule) => ({ rule, names: ruleNames(rule) }));
  const found = new Map<string, FoundColumn & { score: number }>();
  for (const source of sources) {
    const a = source.artifacts!;
    // Items of a list are articles, not columns, whatever their titles say.
    const items = new Set(a.listItems.map((i) => i.url));
    for (const link of a.links) {
      if (link.area === 'footer' || items.has(link.url) || link.text.length > MAX_NAME * 2) continue;
      const t = normColumnName(link.text);
      for (const { rule, names } of rules) {
        const score = matchScore(t, names);
        if (score === 0) continue;
        const prev = found.get(rule.id);
        if (prev && prev.score >= score) continue;
        found.set(rule.id, { rule, text: link.text, url: link.url, from: source.url, page: resolvePage(ctx, link.url), score });
      }
    }
  }
  return new Map([...found].map(([k, { score: _s, ...v }]) => [k, v]));
}

/** What a column page shows: dated items, links into the column, or nothing. */
export function columnState(col: FoundColumn, asOf: string): ColumnState {
  const p = col.page;
  if (!p) return { state: 'not-fetched', datedItems: 0, contentLinks: 0 };
  if (p.errorClass || (p.status ?? 0) >= 400 || !p.artifacts) return { state: 'failed', datedItems: 0, contentLinks: 0 };
  const a = p.artifacts;
  const dates = a.listItems.map((i) => i.date).filter((d) => d <= asOf).sort();
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
