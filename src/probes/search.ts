// The 站内搜索 probe: the homepage's search form (or the search page it links to), submitted
// as a browser would (GET or POST, with its hidden fields) with the title of a recent article the
// crawl found; the results page is kept as a fact: does it lead to that article?
import { parseDocument } from 'htmlparser2';
import { decodeHtml } from '../extract/charset.ts';
import { searchEntry, type SearchEntry } from '../extract/search-form.ts';
import type { SearchProbe } from '../contract/probes.ts';
import type { PageRecord } from '../contract/page.ts';
import type { HttpClient } from '../net/http.ts';

const NOTHING = /(共|找到|检索到)\s*0\s*(条|篇|个)|没有找到|未找到|无相关|无结果|没有相关|暂无/;
const SEARCH_LINK = /^(站内|全文|高级)?(搜索|检索)$/;

interface Input {
  homepage: PageRecord;
  client: HttpClient;
  userAgent: string;
  timeoutMs: number;
}

async function entryAt(url: string, i: Input): Promise<SearchEntry | undefined> {
  const o = await i.client.fetch(url, {
    timeoutMs: i.timeoutMs,
    maxRedirects: 5,
    userAgent: i.userAgent,
  });
  if (!o.body || o.errorClass) return undefined;
  const base = o.finalUrl;
  const absolute = (href: string) => {
    try {
      return new URL(href, base).href;
    } catch {
      return undefined;
    }
  };
  return searchEntry(parseDocument(decodeHtml(o.body, o.contentType).text), absolute, base);
}

/** The newest dated item the homepage lists: its title is what a reader would search for. */
function recentArticle(home: PageRecord): { title: string; url: string } | undefined {
  const items = [...(home.artifacts?.listItems ?? [])].sort((a, b) => b.date.localeCompare(a.date));
  return items.find((x) => x.title.length >= 6);
}

export async function probeSearch(i: Input): Promise<SearchProbe> {
  let entry = await entryAt(i.homepage.finalUrl, i);
  if (!entry?.form) {
    const link = i.homepage.artifacts?.links.find((l) => SEARCH_LINK.test(l.text));
    if (link) entry = (await entryAt(link.url, i)) ?? entry;
  }
  if (!entry?.form) return { entry: entry?.script ? 'script' : 'none' };
  const { action, method, field, hidden } = entry.form;
  const target = recentArticle(i.homepage);
  if (!target) return { entry: 'form', method, action, error: '首页没有可供检索的带日期文章' };
  const query = target.title.slice(0, 20);
  const params = { ...hidden, [field]: query };
  const url =
    method === 'GET'
      ? `${action.split('?')[0]}?${new URLSearchParams({ ...Object.fromEntries(new URL(action).searchParams), ...params })}`
      : action;
  const o = await i.client.fetch(url, {
    method,
    ...(method === 'POST' ? { form: params } : {}),
    timeoutMs: i.timeoutMs,
    maxRedirects: 5,
    userAgent: i.userAgent,
  });
  const base = {
    entry: 'form' as const,
    method,
    action,
    target,
    query,
    resultsUrl: o.finalUrl,
    status: o.status,
  };
  if (o.errorClass || !o.body || (o.status ?? 500) >= 400)
    return { ...base, found: false, error: o.error ?? `HTTP ${o.status}` };
  const text = decodeHtml(o.body, o.contentType).text;
  const path = new URL(target.url).pathname;
  const links = text.includes(path) || text.includes(target.url);
  const named = text.split(query).length > 2 && !NOTHING.test(text);
  return { ...base, found: links || named };
}
