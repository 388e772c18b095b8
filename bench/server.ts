// The bench site, served by its own process so that serving costs as little as possible of
// the crawler's CPU: real pages (real-site.ts, the default) or the uniform synthetic ones
// (site.ts, `uniform` as the second argument). Prints its port on stdout; /__stats tells the
// site's size and what was served.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { realAttachments, realTemplates, renderRealPage } from './real-site.ts';
import { renderPage } from './site.ts';

const n = Number(process.argv[2] ?? 10000);
const uniform = process.argv[3] === 'uniform';
// The uniform pages are made once (~30 KB each); the real ones as asked, from templates cut
// once, so a 50,000-page site does not hold 3 GB of pages.
const pages = uniform ? Array.from({ length: n }, (_, i) => Buffer.from(renderPage(i, n))) : [];
const templates = uniform ? [] : realTemplates();
const files = uniform ? {} : await realAttachments();
const page = (i: number) => (uniform ? pages[i] : renderRealPage(i, n, templates));
const TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
const served = new Set<number>();
let bytes = 0;
const server = createServer((req, res) => {
  const url = req.url ?? '/';
  if (url === '/__stats')
    return void res.end(
      JSON.stringify({
        pages: n,
        distinct: served.size,
        avgBytes: Math.round(bytes / served.size),
      }),
    );
  const file = url.match(/^\/f\/\d+\.(\w+)$/);
  if (file && files[file[1]]) {
    const body = files[file[1]];
    const type = TYPES[file[1]] ?? 'application/octet-stream';
    return void res
      .writeHead(200, { 'content-type': type, 'content-length': body.length })
      .end(req.method === 'HEAD' ? undefined : body);
  }
  const m = url === '/' ? ['', '0'] : url.match(/^\/p\/(\d+)\.html$/);
  const i = m ? Number(m[1]) : -1;
  if (i < 0 || i >= n) return void res.writeHead(404).end();
  const body = page(i);
  if (!served.has(i)) bytes += body.length;
  served.add(i);
  res
    .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length })
    .end(req.method === 'HEAD' ? undefined : body);
});
server.keepAliveTimeout = 10_000;
server.listen(0, '127.0.0.1', () => console.log((server.address() as AddressInfo).port));
