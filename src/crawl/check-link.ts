// The status of an attachment or an off-site link. Off-site pages are read (256 KB at most) for
// their <title>: an expired 友情链接 domain now selling gambling shows it there. The unit's own
// docx/xlsx/pdf attachments are read for their text (personal data in 公示 lists), and sniffed
// to see that they really are what their names claim.
import type { PageKind, PageRecord } from '../contract/page.ts';
import { answered } from '../contract/page.ts';
import { attachmentText, TEXT_ATTACHMENT } from '../extract/attachment-text.ts';
import { decodeHtml } from '../extract/charset.ts';
import { blockedReason } from './blocked.ts';
import type { PoliteFetch } from './polite-fetch.ts';
import { isHtml, toRecord } from './read-page.ts';

/** Recognises a file by its first bytes, whatever its name says. */
export function sniffFormat(bytes: Buffer): string {
  if (bytes.length === 0) return 'empty';
  const head = bytes.subarray(0, 8);
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'zip';
  if (head.toString('hex') === 'd0cf11e0a1b11ae1') return 'ole';
  if (/^\s*</.test(bytes.subarray(0, 64).toString('latin1'))) return 'html';
  return 'other';
}

const titleOf = (html: string) =>
  html
    .match(/<title[^>]*>([\s\S]*?)<\/title>/i)?.[1]
    ?.replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);

export async function checkLink(
  link: { url: string; kind: PageKind; depth: number; inScope: boolean },
  fetch: PoliteFetch,
  maxAttachmentBytes: number,
): Promise<PageRecord> {
  const { url, kind } = link;
  const path = new URL(url).pathname;
  const own = kind === 'attachment' && link.inScope;
  const readText = own && TEXT_ATTACHMENT.test(path);
  const sniff = own && /\.(docx?|wps|pdf|xlsx?|et)$/i.test(path);
  const wantsBody = kind === 'external' || readText || sniff;
  let o = wantsBody
    ? await fetch(url, 'GET', true, kind === 'external' ? 256 * 1024 : maxAttachmentBytes)
    : await fetch(url, 'HEAD');
  // Many servers refuse or mishandle HEAD: confirm a failure with GET before calling it broken.
  if (!wantsBody && !answered(o)) o = await fetch(url, 'GET', false);
  const record = toRecord(url, kind, link.depth, o);
  // An off-site page larger than what is read of it still answered.
  if (o.errorClass === 'too-large' && kind === 'external') {
    record.errorClass = undefined;
    record.error = undefined;
  }
  const blocked = !o.errorClass ? blockedReason(o.status) : undefined;
  if (blocked) {
    record.errorClass = 'blocked';
    record.error = blocked;
  } else if (o.body && (o.status ?? 500) < 400) {
    if (sniff) record.format = sniffFormat(o.body);
    if (kind === 'external' && isHtml(o.contentType)) {
      record.title = titleOf(decodeHtml(o.body, o.contentType).text);
    } else if (readText && record.format !== 'html') {
      const got = await attachmentText(o.body, path.split('.').pop()!);
      if ('text' in got) record.text = got.text;
      else record.error = got.unsupported;
    }
  }
  return record;
}
