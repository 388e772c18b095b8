// A 留言/咨询 board as the page shows it: each row's cells (a table row's cells, a list item's
// child elements) and its link, the header row included. Only a page that reads like a board
// gets rows; the interaction check (checks/interaction-response.ts) gives the cells their roles.
// By hand, not a table library: boards are tables and lists alike, and only the innermost row
// element is a row.
import type { AnyNode, Element } from 'domhandler';
import { squash } from './normalize.ts';
import type { Resolver } from './resolver.ts';

export interface BoardRow {
  cells: string[];
  /** The row's first link: the message's own page. */
  link?: { url: string; text: string };
}

const ASKED_WORDS = /留言|咨询|信箱|来信|问政|诉求|建言|写信|提问/;
const ANSWER_WORDS = /回复|答复|办结|办理状态|处理状态|受理状态/;
const DATE = /(?:19|20)\d{2}\s*(?:[-/.]|年)\s*\d{1,2}\s*(?:[-/.]|月)\s*\d{1,2}/;
const DATES = new RegExp(DATE, 'g');
const LABELS = /时间|日期|状态|标题|主题|留言|回复|答复/;
/** What a board says of a message's handling. */
export const STATUS = new RegExp(
  '已回复|已答复|已办结|办理中|处理中|受理中|已受理|待回复|未回复|未答复|' +
    '待答复|待处理|未办结|已处理|已反馈',
);
const MAX_ROWS = 300;

/** Whether a page's text reads like a board or a message (asked and answered words). */
export const readsLikeBoard = (text: string) => ASKED_WORDS.test(text) && ANSWER_WORDS.test(text);

const isTag = (n: AnyNode): n is Element => n.type === 'tag';

function text(n: AnyNode): string {
  if (n.type === 'text') return (n as unknown as { data: string }).data;
  if (!isTag(n) && (n.type as string) !== 'root') return '';
  if (isTag(n) && ['script', 'style'].includes(n.name)) return '';
  return (n as Element).children.map(text).join(' ');
}

function holdsRow(el: Element): boolean {
  for (const c of el.children)
    if (isTag(c) && (c.name === 'tr' || c.name === 'li' || (holdsRow(c) && c.name !== 'a')))
      return true;
  return false;
}

function firstLink(el: Element, absolute: Resolver): BoardRow['link'] {
  for (const c of el.children) {
    if (!isTag(c)) continue;
    if (c.name === 'a' && c.attribs.href) {
      const url = absolute.url(c.attribs.href.trim());
      if (url && /^https?:/.test(url))
        return { url, text: squash(text(c)) || c.attribs.title || '' };
    }
    const inner = firstLink(c, absolute);
    if (inner) return inner;
  }
  return undefined;
}

/** The cells of a row: a table row's cells; a list item's child elements, or its whole text. */
function cellsOf(el: Element): string[] {
  const cells: string[] = [];
  for (const c of el.children) {
    // A list item's text between its elements is a cell too; a table row's only its cells.
    if (el.name === 'tr' && !(isTag(c) && (c.name === 'td' || c.name === 'th'))) continue;
    const part = squash(text(c));
    if (part) cells.push(part);
  }
  return cells.length ? cells : [squash(text(el))];
}

/** The board's rows, header included; none when the page holds no dated row. */
export function boardRows(doc: AnyNode, absolute: Resolver): BoardRow[] {
  const rows: BoardRow[] = [];
  collectRows(doc, absolute, rows);
  return rows.some(boardLike) ? rows : [];
}

// Top-level functions, not closures made at each call: V8 compiled those again after each
// full collection of the extraction thread (`--log-code`).
function collectRows(n: AnyNode, absolute: Resolver, rows: BoardRow[]): void {
  if (rows.length >= MAX_ROWS) return;
  if (!isTag(n) && (n.type as string) !== 'root') return;
  const el = n as Element;
  if (isTag(el) && ['script', 'style', 'nav', 'footer'].includes(el.name)) return;
  if (isTag(el) && ['tr', 'li'].includes(el.name) && !holdsRow(el)) {
    const cells = cellsOf(el);
    const all = cells.join(' ');
    const dated = DATE.test(all);
    if ((dated || (LABELS.test(all) && all.length < 120)) && all.length < 1500) {
      const link = firstLink(el, absolute);
      rows.push({ cells: cells.slice(0, 12), ...(link ? { link } : {}) });
    }
    return;
  }
  for (const c of el.children) collectRows(c, absolute, rows);
}

/**
 * A board's rows say whether each message was answered (a status, or a second date): a news
 * list with 咨询 in its menu has neither, and keeps no rows.
 */
function boardLike(r: BoardRow): boolean {
  const all = r.cells.join(' ');
  return STATUS.test(all) || (all.match(DATES)?.length ?? 0) >= 2;
}
