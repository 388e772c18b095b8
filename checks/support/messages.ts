// The messages of a unit's 咨询/留言 boards: where the unit takes questions (its channels), and
// for each message when it was asked, when and whether it was answered, read from the board's
// rows (a header names the columns where there is one) and, where the crawl read it, the
// message's own page (留言时间 … 答复时间 … 答复内容).
import { firstDate } from '../../src/extract/dates.ts';
import type { CheckContext } from '../../src/contract/check.ts';
import type { PageArtifacts, PageLink, PageRecord } from '../../src/contract/page.ts';
import type { Looks } from './looks.ts';

/** Where a unit takes questions online (19号: 网上有效咨询建言渠道). */
export const CHANNEL = /咨询|留言|信箱|互动|问政|写信|建言|诉求|12345|民意|网上问答/;
/** Channels 19号 sets apart: 信访, 纪检举报, 访谈, 调查征集; and a phone number is no board. */
export const NOT_CHANNEL =
  /信访|纪检|举报|访谈|调查|征集|投票|咨询电话|联系电话|服务热线电话|工作人员/;

// Anywhere on the page, the footer too: many sites put 领导信箱 there.
export const isChannel = (l: Pick<PageLink, 'text'>) =>
  CHANNEL.test(l.text) && !NOT_CHANNEL.test(l.text) && l.text.length <= 20;

export interface Message {
  title: string;
  /** The message's own page, or the board's when it has none. */
  url: string;
  board: string;
  asked?: string;
  replied?: string;
  /** True: answered; false: the board or its page says it is not; undefined: not shown. */
  answered?: boolean;
  /** Where its dates were read: the board's row, or the message's page. */
  from: 'row' | 'page';
}

const ASKED_HEAD = /留言|来信|提问|咨询|写信|提交|发布|发表|创建/;
const REPLIED_HEAD = /回复|答复|办结|处理|反馈/;
const STATUS_HEAD = /状态/;
const DONE = /已回复|已答复|已办结|已处理|已反馈|已解答|办结(?!中)|^回复$|已公开/;
const OPEN = /未回复|待回复|未答复|待答复|办理中|处理中|受理中|待处理|未办结|未处理|正在办理/;
const DATE_G = /(?:19|20)\d{2}\s*(?:[-/.]|年)\s*\d{1,2}\s*(?:[-/.]|月)\s*\d{1,2}/g;

type Role = 'asked' | 'replied' | 'status' | undefined;

/** What each column holds, from a header row (no date in it, its cells labels). */
function roles(header: string[]): Role[] {
  return header.map((h) =>
    STATUS_HEAD.test(h)
      ? 'status'
      : /时间|日期/.test(h) && REPLIED_HEAD.test(h)
        ? 'replied'
        : /时间|日期/.test(h) && (ASKED_HEAD.test(h) || h.trim().length <= 4)
          ? 'asked'
          : undefined,
  );
}

function statusOf(text: string): boolean | undefined {
  if (OPEN.test(text)) return false;
  if (DONE.test(text)) return true;
  return undefined;
}

/** A row's message: dates by the header's roles, else the first date asked and the second replied. */
function fromRow(
  cells: string[],
  header: Role[] | undefined,
): Omit<Message, 'url' | 'board' | 'title'> {
  const all = cells.join(' ');
  if (header?.some(Boolean)) {
    const cell = (r: Role) => cells.find((_, i) => header[i] === r);
    const asked = firstDate(cell('asked'));
    const replied = firstDate(cell('replied'));
    const status = statusOf(cell('status') ?? all);
    return { asked, replied, answered: status ?? (replied ? true : undefined), from: 'row' };
  }
  const dates = (all.match(DATE_G) ?? []).map((d) => firstDate(d)!).filter(Boolean);
  const replied = dates[1];
  const status = statusOf(all);
  return {
    asked: dates[0],
    replied,
    answered: status ?? (replied ? true : undefined),
    from: 'row',
  };
}

const LABELLED = (labels: string) =>
  new RegExp(
    String.raw`(?:${labels})(?:时间|日期)\s*[:：]?\s*((?:19|20)\d{2}\s*(?:[-/.]|年)\s*\d{1,2}\s*(?:[-/.]|月)\s*\d{1,2})`,
  );
const PAGE_ASKED = LABELLED('留言|来信|提问|咨询|写信|提交|发布');
const PAGE_REPLIED = LABELLED('回复|答复|办结|处理');
const PAGE_ANSWER = /(?:回复|答复|办理)(?:内容|意见|结果)\s*[:：]?\s*\S{4,}/;

/** What a message's own page says: its labelled dates, and whether an answer stands on it. */
function fromPage(text: string): Partial<Message> {
  const asked = firstDate(text.match(PAGE_ASKED)?.[1]);
  const replied = firstDate(text.match(PAGE_REPLIED)?.[1]);
  const status = statusOf(text.match(/(?:状态|办理状态)\s*[:：]?\s*(\S{2,6})/)?.[1] ?? '');
  const answered = status ?? (replied || PAGE_ANSWER.test(text) ? true : undefined);
  return { ...(asked ? { asked } : {}), ...(replied ? { replied } : {}), answered, from: 'page' };
}

type Channel = { url: string; text: string };

/** Pages whose links name the unit's channels: the homepage and the two levels below it. */
const CHANNEL_DEPTH = 2;

type Looked = Looks<{ links: Channel[]; board: boolean }>;

/** What the check looks for in every page: its links that name a channel; a board's rows. */
export const CHANNEL_LOOK = {
  page(a: PageArtifacts): { links: Channel[]; board: boolean } | undefined {
    const links = a.links.filter(isChannel).map(({ url, text }) => ({ url, text }));
    const board = Boolean(a.boardRows?.length);
    return links.length || board ? { links, board } : undefined;
  },
  // A deeper page keeps only whether it holds a board: its links (the site's menu, on every
  // page) are never read, and were ~11 MB of the judging at 50,000 pages.
  keep: {
    start: (): Looked => [],
    add(kept: Looked, page: PageRecord, look: Looked[number]['look']) {
      if (page.depth <= CHANNEL_DEPTH) kept.push({ page, look });
      else if (look.board) kept.push({ page, look: { links: [], board: true } });
    },
  },
};

/** The unit's channels: links that name one, on the homepage and the two levels below it. */
export function channels(looks: Looked): Channel[] {
  const seen = new Map<string, string>();
  for (const { page, look } of looks)
    if (page.depth <= CHANNEL_DEPTH)
      for (const l of look.links) if (!seen.has(l.url)) seen.set(l.url, l.text);
  return [...seen].map(([url, text]) => ({ url, text }));
}

/** The pages the channels lead to that hold a board's rows. */
export function boardsOf(looks: Looked, found: Channel[]): PageRecord[] {
  const urls = new Set(found.map((c) => c.url));
  return looks
    .filter(({ page, look }) => look.board && (urls.has(page.url) || urls.has(page.finalUrl)))
    .map((x) => x.page);
}

/** The messages on the unit's boards: pages the channels lead to that hold a board's rows. */
export function messages(ctx: CheckContext, boards: PageRecord[]): Message[] {
  const out: Message[] = [];
  for (const board of boards) {
    const rows = board.artifacts?.boardRows ?? [];
    let header: Role[] | undefined;
    for (const row of rows) {
      const all = row.cells.join(' ');
      if (!DATE_G.test(all)) {
        DATE_G.lastIndex = 0;
        if (row.cells.length > 1) header = roles(row.cells);
        continue;
      }
      DATE_G.lastIndex = 0;
      const m: Message = {
        title: row.link?.text || row.cells.find((c) => !/\d{4}/.test(c)) || row.cells[0],
        url: row.link?.url ?? board.url,
        board: board.url,
        ...fromRow(row.cells, header),
      };
      const own = row.link && ctx.byUrl.get(row.link.url);
      if (own?.text) Object.assign(m, stripUndefined(fromPage(own.text)), { url: own.url });
      out.push(m);
    }
  }
  return out;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
