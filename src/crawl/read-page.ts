// One fetched answer read into a page record: decoded (any charset), told apart from noise and
// from block pages, extracted, and rendered in Chromium first when its static HTML is filled by
// script (or every page, in browser mode).
import { blockedReason } from './blocked.ts';
import type { CrawlInput } from './crawl-unit.ts';
import type { PageRecord } from '../contract/page.ts';
import { mergeComputedHidden } from '../browser/computed-hidden.ts';
import { extractPageAndText } from '../extract/page.ts';
import type { FetchOutcome } from '../net/http.ts';
import { extractHere } from './extract-pool.ts';
import type { Packed } from '../contract/packed.ts';

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

export async function readPage(
  url: string,
  depth: number,
  o: FetchOutcome,
  input: Pick<CrawlInput, 'renderer' | 'render' | 'signal' | 'extract'>,
): Promise<{ record: PageRecord; html?: string; packed?: Packed; rendered: boolean }> {
  let rendered = false;
  const record = toRecord(url, 'page', depth, o);
  let html: string | undefined;
  let packed: Packed | undefined;
  if (!o.errorClass && o.body && isHtml(o.contentType) && o.status !== null) {
    const extract = input.extract ?? extractHere;
    const decoded = await extract({
      body: o.body,
      contentType: o.contentType,
      status: o.status,
      finalUrl: o.finalUrl,
    });
    record.charset = decoded.charset;
    if (decoded.garbage)
      return { record: { ...record, errorClass: 'garbage', error: decoded.garbage }, rendered };
    packed = decoded.packed;
    html = decoded.html;
    let extracted = { artifacts: decoded.artifacts!, text: decoded.text! };
    let blocked = decoded.blocked;
    const mode = input.render ?? 'http';
    const a = extracted.artifacts;
    const wanted =
      mode === 'browser' ||
      (mode === 'auto' && (a.scriptFilled !== undefined || (a.scriptedFields?.length ?? 0) > 0));
    if (input.renderer && wanted && o.status < 400 && !input.signal?.aborted) {
      const prefetched = { url: o.finalUrl, status: o.status, headers: o.headers, body: o.body };
      const r = await input.renderer.render(o.finalUrl, prefetched);
      if (!r.error && r.html) {
        rendered = true;
        html = r.html;
        packed = undefined; // the DOM Chromium built is what is kept
        extracted = extractPageAndText(r.html, r.finalUrl);
        mergeComputedHidden(extracted.artifacts, r.hidden);
        blocked = blockedReason(o.status, { text: extracted.artifacts.visibleText, html });
      } else {
        extracted.artifacts.renderError = r.error ?? '渲染结果为空';
        packed = { ...packed, artifacts: undefined }; // changed since they were packed
      }
    }
    record.artifacts = extracted.artifacts;
    record.text = extracted.text;
    if (blocked) {
      record.errorClass = 'blocked';
      record.error = blocked;
    } else if (record.artifacts.scriptFilled === 'shell') {
      record.errorClass = 'blocked';
      record.error = '页面为脚本外壳（反爬或单页应用），静态抓取看不到内容，需浏览器渲染';
    }
  } else if (!o.errorClass && o.status !== null && !isHtml(o.contentType)) {
    record.kind = 'attachment';
  } else if (!o.errorClass && o.status !== null) {
    const blocked = blockedReason(o.status);
    if (blocked) {
      record.errorClass = 'blocked';
      record.error = blocked;
    }
  }
  return { record, html, packed, rendered };
}
