// What the crawl gathers for each page and unit: the facts every later step reads.

/** Whether a fetch got an answer that is a page (no error, a status below 400): one definition for all. */
export function answered(r: { status: number | null; errorClass?: string }): boolean {
  return !r.errorClass && r.status !== null && r.status < 400;
}

/** Where a page's publish date was read: the metadata block, a labelled line, a meta tag, the URL. */
export type PubDateSource = 'metadata' | 'label' | 'meta' | 'url';

export type LinkArea = 'nav' | 'footer' | 'body';

export interface PageLink {
  url: string;
  text: string;
  area: LinkArea;
  /** How the link is kept out of sight, when it is (display:none, off-screen, marquee…). */
  hidden?: string;
  /** The label that names it, where one stands before it: 「相关解读：」, a heading over its list. */
  label?: string;
}

export interface HiddenBlock {
  how: string;
  text: string;
  links: number;
}

export interface ListItem {
  title: string;
  url: string;
  date: string;
}

export interface PageArtifacts {
  title: string;
  /** Lower-cased meta names → content (SiteIDCode → siteidcode, PubDate → pubdate…). */
  meta: Record<string, string>;
  pubDate?: string;
  /** Where pubDate was read: the metadata block, a labelled info line, a meta tag or the URL. */
  pubDateFrom?: PubDateSource;
  links: PageLink[];
  listItems: ListItem[];
  metadata: Record<string, string>;
  identity: IdentityFacts;
  footerText: string;
  textLength: number;
  /** The start of the visible text (title included), for block-page detection and evidence. */
  visibleText: string;
  /** Why this page's static HTML cannot be trusted to show its content, if it cannot. */
  scriptFilled?: 'shell' | 'template' | 'ajax';
  /** Blocks with text that the page keeps out of sight (at most 40). */
  hidden?: HiddenBlock[];
  /** Links written by script (document.write), which a static parse does not see as <a>. */
  scriptLinks?: { url: string; text: string }[];
  /** Metadata fields whose label is in a script, not in the static page (吉林's 有效性). */
  scriptedFields?: string[];
  /** Read from the DOM Chromium built after the page's scripts ran (browser mode). */
  rendered?: boolean;
  /** Why rendering this script-filled page failed (the static HTML was kept). */
  renderError?: string;
  /** The tables of an annual report page: rows of the cells each <tr> holds itself. */
  tables?: string[][][];
  /** A 留言/咨询 board's rows (header included), on a page that reads like one. */
  boardRows?: { cells: string[]; link?: { url: string; text: string } }[];
}

export interface IdentityFacts {
  /** The value after a 网站标识码 label: '' when the label is there with nothing after it. */
  siteIdCode?: string;
  metaSiteIdCode?: string;
  jiucuo: boolean;
  jiucuoSitecode?: string;
  /** A 我为政府网站找错 / 网站纠错 entry as a link or the jiucuo script. */
  findErrorEntry: boolean;
  icp?: string;
  gongan?: string;
  conac: boolean;
  sponsor?: string;
  /** The organisation a 「某某 版权所有」 line names, where no 主办 label is shown. */
  copyrightHolder?: string;
  /** A claim like 本站已支持IPv6 in the page text. */
  ipv6Claim?: string;
}

export type ErrorClass =
  | 'timeout'
  | 'dns'
  | 'refused'
  | 'reset'
  | 'unreachable'
  | 'tls'
  | 'redirects'
  | 'blocked'
  | 'http'
  | 'too-large'
  | 'policy'
  | 'garbage'
  | 'network';

export type PageKind = 'page' | 'attachment' | 'external';

export interface PageRecord {
  url: string;
  finalUrl: string;
  kind: PageKind;
  depth: number;
  status: number | null;
  contentType: string | null;
  errorClass?: ErrorClass;
  error?: string;
  elapsedMs: number;
  redirects?: string[];
  charset?: string;
  artifacts?: PageArtifacts;
  /** The page's visible text, or an attachment's extracted text. */
  text?: string;
  /** An off-site page's <title>. */
  title?: string;
  /** What an attachment's bytes really are (pdf, zip for docx/xlsx, ole for doc/xls/wps, html…). */
  format?: string;
}

export interface Attempt {
  at: string;
  status: number | null;
  errorClass?: ErrorClass;
  error?: string;
  elapsedMs: number;
}

export interface CrawlSummary {
  pagesFetched: number;
  pagesFailed: number;
  linksChecked: number;
  limitHit: false | 'pages' | 'depth' | 'time' | 'links';
  /** Pages read from Chromium's DOM after their scripts ran. */
  pagesRendered?: number;
  /** How the browser was used for this unit, or why not (shown in the report's coverage). */
  browser?: string;
  homepage: PageRecord;
  homepageAttempts: Attempt[];
  interrupted: boolean;
  /** Off-site links left unchecked because this machine cannot reach the outside. */
  offsiteUnchecked?: { links: number; reason: string };
  /** Dead links and pages fetched once more after a pause: how many, and how many recovered. */
  rechecked?: { tried: number; recovered: number };
  /** The unit's `scope` matched no link on its pages: nothing of its own could be found. */
  scopeUnmatched?: string;
  /** Continued from an interrupted run: pages stored before were read again, not fetched. */
  resumedPages?: number;
}
