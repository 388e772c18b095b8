// Policy documents and their interpretations (解读), and which belong together. A pair is
// found by a link either way, by the document's 《title》 named in the interpretation, or by
// the document's 文号 in the interpretation's text. Memoised per context: two checks use it.
import { columnState, findColumns } from './columns.ts';
import { CATALOG_TITLE, dateOf, indexedPage, pageIndex, titleOf } from './page-index.ts';
import { normativeDocuments } from './normative-docs.ts';
import type { CheckContext } from '../../src/contract/check.ts';
import type { PageRecord } from '../../src/contract/page.ts';
import { DOC_LINKS, INTERP_LINKS, PairIndex, type InterpMatches } from './pair-index.ts';

export const INTERPRETATION_TITLE = /解读|图解|一图(读懂|看懂|速览)|答记者问|问答|政策吹风/;

/** The document's own links to its interpretation, by their text. */
export function interpretationLinks(ctx: CheckContext, doc: PageRecord): string[] {
  const links = indexedPage(ctx, doc)?.interpLinks ?? [];
  return links.filter((l) => l.url !== doc.url).map((l) => l.url);
}

export type { Pair } from './pair-index.ts';

export interface PolicyPairs {
  /** The documents paired: 规范性文件, the pair columns' items, documents linking to a 解读. */
  docs: PageRecord[];
  /** Of `docs`, the 行政规范性文件: only these must have a 解读 at all. */
  normative: Set<PageRecord>;
  interps: PageRecord[];
  pairs: PairIndex;
}

const memo = new WeakMap<CheckContext, PolicyPairs>();

/**
 * A page's title and date, read from its artifacts once: the policy checks ask them for every
 * pair, and a page's artifacts may come back from the store at each read.
 */
const heads = new WeakMap<PageRecord, { title: string; date: string | undefined }>();
function headOf(p: PageRecord) {
  let head = heads.get(p);
  if (!head) {
    const a = p.artifacts;
    head = a ? { title: titleOf(a), date: dateOf(a) } : { title: '', date: undefined };
    heads.set(p, head);
  }
  return head;
}
export const pageTitle = (p: PageRecord): string => headOf(p).title;
export const pageDate = (p: PageRecord): string | undefined => headOf(p).date;

/** 《…》 names in a text (the documents an interpretation is about). */
function bookTitles(text: string): string[] {
  return [...text.matchAll(/《([^》]{4,80})》/g)].map((m) => m[1]);
}

function interpretations(ctx: CheckContext): PageRecord[] {
  const listed = new Set<string>();
  const col = findColumns(ctx).get('policy-interpretation');
  if (col?.page?.artifacts && columnState(col, ctx.asOf).state === 'ok')
    for (const i of col.page.artifacts.listItems) listed.add(i.url);
  const columnUrls = new Set([...findColumns(ctx).values()].map((c) => c.url));
  return pageIndex(ctx)
    .filter(({ page, title, date }) => {
      if (page.url === ctx.homepage?.url || columnUrls.has(page.url)) return false;
      return listed.has(page.url) || (INTERPRETATION_TITLE.test(title) && Boolean(date));
    })
    .map((x) => x.page);
}

/** A title that names a policy document's kind (not a news item or a list). */
const DOCUMENT_TITLE =
  /通知|意见|办法|规定|方案|决定|细则|规划|公告|通告|批复|规则|措施|纲要|条例|规程|指引|标准/;

/**
 * The other policy documents paired with their 解读: the items of the profile's pair columns
 * (政策文件), and any document page (a 文号 or a metadata block, or a document's title) whose
 * body links to a 解读. A news page with a 解读 in its sidebar is none of these.
 */
function otherPolicyDocuments(ctx: CheckContext, normative: Set<PageRecord>): PageRecord[] {
  const columns = findColumns(ctx);
  const listed = new Set<string>();
  const columnUrls = new Set([...columns.values()].map((c) => c.url));
  for (const id of ctx.profile.interpretation.pairColumns) {
    const col = columns.get(id);
    if (col?.page?.artifacts && columnState(col, ctx.asOf).state === 'ok')
      for (const i of col.page.artifacts.listItems) listed.add(i.url);
  }
  return pageIndex(ctx)
    .filter(({ page, title, docNo, filledFields, interpLinks }) => {
      if (normative.has(page) || page.url === ctx.homepage?.url || columnUrls.has(page.url))
        return false;
      if (INTERPRETATION_TITLE.test(title) || CATALOG_TITLE.test(title)) return false;
      const documentLike = Boolean(docNo) || filledFields >= 3 || DOCUMENT_TITLE.test(title);
      if (!documentLike) return false;
      if (listed.has(page.url)) return true;
      return interpLinks.some((l) => l.body && l.url !== page.url);
    })
    .map((x) => x.page);
}

/** Where a page's links lead, of the pages it may pair with (all of them: ~10 MB a 1,000 pages). */
const linksAmong = (page: PageRecord, among: Map<string, number[]>): Set<number> => {
  const out = new Set<number>();
  for (const l of page.artifacts!.links) for (const k of among.get(l.url) ?? []) out.add(k);
  return out;
};

/** Each page's index under its address and its final address. */
function addresses(pages: PageRecord[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  pages.forEach((p, k) => {
    for (const url of new Set([p.url, p.finalUrl])) out.set(url, [...(out.get(url) ?? []), k]);
  });
  return out;
}

/** The 「N号」 endings in a text: a 文号 can be in it only if its own ending is. */
const numberEndings = (text: string) => new Set(text.match(/\d+号/g) ?? []);

/** A document's usable 文号, and its 「N号」 ending. */
function docNoOf(doc: PageRecord): { docNo?: string; ending?: string } {
  const docNo = doc.artifacts!.metadata.文号?.trim();
  const usable = docNo && docNo !== '无' && docNo.length >= 6 ? docNo : undefined;
  return { docNo: usable, ending: usable?.match(/\d+号$/)?.[0] };
}

/**
 * Each 解读 against each class of documents (copies share title and 文号, so they match alike),
 * and its links either way, read once per page: 2,000 documents and 500 解读 read every page's
 * artifacts a million times before (the bench of real pages: 190 s judging).
 */
export function policyPairs(ctx: CheckContext): PolicyPairs {
  const cached = memo.get(ctx);
  if (cached) return cached;
  const normative = new Set(
    normativeDocuments(ctx).filter((d) => !INTERPRETATION_TITLE.test(pageTitle(d))),
  );
  const docs = [...normative, ...otherPolicyDocuments(ctx, normative)];
  const interps = interpretations(ctx);
  const [docUrls, interpUrls] = [addresses(docs), addresses(interps)];
  // Which documents link to each 解读 (by the 解读's index).
  const linkedFrom = new Map<number, Set<number>>();
  const classOf = new Int32Array(docs.length);
  const classes: { title: string; docNo?: string; ending?: string }[] = [];
  const classIds = new Map<string, number>();
  docs.forEach((doc, d) => {
    for (const i of linksAmong(doc, interpUrls))
      linkedFrom.set(i, (linkedFrom.get(i) ?? new Set()).add(d));
    const head = { title: pageTitle(doc), ...docNoOf(doc) };
    const key = `${head.title}\u0000${head.docNo ?? ''}`;
    let id = classIds.get(key);
    if (id === undefined) classIds.set(key, (id = classes.push(head) - 1));
    classOf[d] = id;
  });
  const matches = interps.map((interp, i): InterpMatches => {
    const title = pageTitle(interp);
    const text = `${title} ${interp.text ?? ''}`;
    const endings = numberEndings(text);
    const named = bookTitles(title);
    const links = new Map<number, number>();
    for (const d of linkedFrom.get(i) ?? []) links.set(d, DOC_LINKS);
    for (const d of linksAmong(interp, docUrls)) links.set(d, (links.get(d) ?? 0) | INTERP_LINKS);
    const found: InterpMatches['classes'] = [];
    classes.forEach((c, id) => {
      if (named.some((t) => c.title.includes(t))) found.push({ id, by: 'title' });
      else if (c.docNo && (!c.ending || endings.has(c.ending)) && text.includes(c.docNo))
        found.push({ id, by: 'docno' });
    });
    return { classes: found, links };
  });
  const result = {
    docs,
    normative,
    interps,
    pairs: new PairIndex(docs, interps, classOf, matches),
  };
  memo.set(ctx, result);
  return result;
}
