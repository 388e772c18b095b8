// One fetched answer read into a page record: decoded (any charset), told apart from noise and
// from block pages, extracted, and rendered in Chromium first when its static HTML is filled by
// script (or every page, in browser mode).
import { blockedReason } from './blocked.ts';
import type { PageRecord } from '../contract/page.ts';
import { mergeComputedHidden } from '../browser/computed-hidden.ts';
import { extractPageAndText } from '../extract/page.ts';
import type { FetchOutcome } from '../net/http.ts';
import { extractHere, type Extract } from './extract-pool.ts';
import type { Renderer } from '../browser/renderer.ts';
import { packBytes, type Packed } from '../contract/packed.ts';
import type { Found } from './decode-extract.ts';

export const isHtml = (ct: string | null) => !ct || /html|xml/i.test(ct);

export function toRecord(
  url: string,
  kind: PageRecord['kind'],
  depth: number,
  o: FetchOutcome,
): PageRecord {
  return {
    url,
    finalUrl: o.finalUrl,
    kind,
    depth,
    status: o.status,
    contentType: o.contentType,
    errorClass: o.errorClass,
    error: o.error,
    elapsedMs: o.elapsedMs,
    redirects: o.redirects.length ? o.redirects : undefined,
  };
}

/** How pages are read: plain HTTP, a browser for every page, or where the static HTML is script-filled. */
export type RenderMode = 'http' | 'auto' | 'browser';

/** What reading a page needs of the crawl (its renderer, its extraction, its stop signal). */
export interface ReadPageInput {
  /** Chromium for script-filled pages; without it those pages are judged 无法检测, never empty. */
  renderer?: Renderer;
  render?: RenderMode;
  signal?: AbortSignal;
  /** Decoding and extraction, on the run's worker threads (absent: in this thread). */
  extract?: Extract;
}

export async function readPage(
  url: string,
  depth: number,
  o: FetchOutcome,
  input: ReadPageInput,
): Promise<{
  record: PageRecord;
  html?: string;
  packed?: Packed;
  /** Where the page leads and whether script fills it, whether or not `record` has its artifacts. */
  found?: Found;
  rendered: boolean;
}> {
  let rendered = false;
  const record = toRecord(url, 'page', depth, o);
  let html: string | undefined;
  let packed: Packed | undefined;
  let found: Found | undefined;
  if (!o.errorClass && o.body && isHtml(o.contentType) && o.status !== null) {
    const mode = input.render ?? 'http';
    const renders = Boolean(input.renderer) && mode !== 'http';
    const extract = input.extract ?? extractHere;
    const decoded = await extract({
      body: o.body,
      contentType: o.contentType,
      status: o.status,
      finalUrl: o.finalUrl,
      // A page that may be rendered needs its artifacts here, to merge what Chromium shows.
      lean: !renders,
    });
    record.charset = decoded.charset;
    if (decoded.garbage)
      return { record: { ...record, errorClass: 'garbage', error: decoded.garbage }, rendered };
    const { unpacked } = decoded;
    packed = {
      ...decoded.packed,
      ...(decoded.verbatim ? { rawHtml: o.body } : {}),
      ...(unpacked
        ? { artifacts: packBytes(unpacked.artifacts), text: packBytes(unpacked.text) }
        : {}),
    };
    found = decoded.found!;
    let extracted = decoded.artifacts && { artifacts: decoded.artifacts, text: decoded.text! };
    let blocked = decoded.blocked;
    const wanted =
      mode === 'browser' ||
      (mode === 'auto' &&
        (found.scriptFilled !== undefined || (found.scriptedFields?.length ?? 0) > 0));
    if (extracted && renders && wanted && o.status < 400 && !input.signal?.aborted) {
      const prefetched = { url: o.finalUrl, status: o.status, headers: o.headers, body: o.body };
      const r = await input.renderer!.render(o.finalUrl, prefetched);
      if (!r.error && r.html) {
        rendered = true;
        html = r.html;
        packed = undefined; // the DOM Chromium built is what is kept
        extracted = extractPageAndText(r.html, r.finalUrl);
        mergeComputedHidden(extracted.artifacts, r.hidden);
        blocked = blockedReason(o.status, { text: extracted.artifacts.visibleText, html });
        found = extracted.artifacts;
      } else {
        extracted.artifacts.renderError = r.error ?? '渲染结果为空';
        packed = { ...packed, artifacts: undefined }; // changed since they were packed
      }
    }
    record.artifacts = extracted?.artifacts;
    record.text = extracted?.text;
    markBlocked(record, blocked ?? (found.scriptFilled === 'shell' ? SHELL : undefined));
  } else if (!o.errorClass && o.status !== null && !isHtml(o.contentType)) {
    record.kind = 'attachment';
  } else if (!o.errorClass && o.status !== null) {
    markBlocked(record, blockedReason(o.status));
  }
  return { record, html, packed, found, rendered };
}

const SHELL = '页面为脚本外壳（反爬或单页应用），静态抓取看不到内容，需浏览器渲染';

/** A page a WAF, a challenge or an empty script shell stood in for: blocked, with why. */
function markBlocked(record: PageRecord, why: string | undefined): void {
  if (!why) return;
  record.errorClass = 'blocked';
  record.error = why;
}
