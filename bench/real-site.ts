// A bench site built from real pages: the pages of test/fixtures/corpus (articles, normative
// documents, 解读, annual reports, lists, a guide), page i of N being template i mod k with
// every link rewritten into the site: the first three to pages i+1..i+3 (every page is
// reachable from /), the others spread over the site, attachments to /f/<j>.<ext>. What the
// checks fire on stays as the real sites wrote it: dates, titles, metadata, footers, tables.
// Left out: the planted spam clones, the SPA shell and the mock-up homepage (not a real site's
// run of pages).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { docx, pdf, xlsx } from '../src/demo/sample-files.ts';

const CORPUS = join(import.meta.dirname, '../test/fixtures/corpus');
const SKIP = /^spam$|spa-shell|MOCKUP/;

/**
 * A template cut at its links' addresses: text, address, text, … (odd entries are addresses),
 * the text kept as bytes so a page is put together by copying (the server's CPU is the crawl's).
 */
type Template = (string | Buffer)[];

// An address in quotes, or bare as older pages write it (href=/2006-11/09/content_1.htm).
const LINK = /(<a\b[^>]*?\shref\s*=\s*)(?:(["'])([^"']*)\2|([^\s"'>]+))/gi;

function cut(html: string): Template {
  const parts: Template = [];
  let last = 0;
  // A <base> would send the rewritten relative addresses elsewhere.
  const page = html.replace(/<base\b[^>]*>/gi, '');
  for (const m of page.matchAll(LINK)) {
    const href = m[3] ?? m[4];
    const at = m.index + m[1].length + (m[2] ? 1 : 0);
    parts.push(Buffer.from(page.slice(last, at)), href);
    last = at + href.length;
  }
  parts.push(Buffer.from(page.slice(last)));
  return parts;
}

export function realTemplates(): { name: string; parts: Template }[] {
  const out: { name: string; parts: Template }[] = [];
  for (const dir of readdirSync(CORPUS).sort()) {
    if (SKIP.test(dir) || !dir.match(/^[a-z-]+$/)) continue;
    for (const file of readdirSync(join(CORPUS, dir)).sort()) {
      if (!file.endsWith('.html') || SKIP.test(file)) continue;
      out.push({
        name: `${dir}/${file}`,
        parts: cut(readFileSync(join(CORPUS, dir, file), 'utf8')),
      });
    }
  }
  return out;
}

const ATTACHMENT = /\.(pdf|docx?|xlsx?|wps|zip|rar)$/i;

/** Page i of a site of n pages. */
export function renderRealPage(i: number, n: number, templates: { parts: Template }[]): Buffer {
  const parts = templates[i % templates.length].parts;
  const out: Buffer[] = [];
  let k = 0;
  for (const part of parts) {
    if (typeof part !== 'string') {
      out.push(part);
      continue;
    }
    if (/^(javascript:|mailto:|#)/i.test(part)) {
      out.push(Buffer.from(part));
      continue;
    }
    const j = k < 3 ? (i + 1 + k) % n : (i * 7919 + k * 104729) % n;
    k++;
    const ext = part.split('?')[0].match(ATTACHMENT)?.[1];
    out.push(Buffer.from(ext ? `/f/${j}.${ext.toLowerCase()}` : `/p/${j}.html`));
  }
  // A template with fewer than three links still leads on.
  if (k < 3) out.push(Buffer.from(`<p><a href="/p/${(i + 1) % n}.html">下一篇</a></p>`));
  return Buffer.concat(out);
}

/** Real small attachments, one per kind a page links to (a .doc/.xls is an OLE file). */
export async function realAttachments(): Promise<Record<string, Buffer>> {
  const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]);
  const word = await docx(
    ['附件：有关事项说明', '一、总体要求'],
    [
      ['序号', '事项'],
      ['1', '示例'],
    ],
  );
  return {
    pdf: pdf('附件：有关事项说明'),
    docx: word,
    xlsx: await xlsx([
      ['序号', '事项'],
      ['1', '示例'],
    ]),
    zip: word,
    doc: ole,
    xls: ole,
    wps: ole,
    rar: Buffer.from('Rar!\x1a\x07\x00', 'latin1'),
  };
}
