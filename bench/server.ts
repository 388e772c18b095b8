// The synthetic site, pre-rendered and served by its own process so that serving costs as
// little as possible of the crawler's CPU. Prints its port on stdout; /__stats counts hits.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderPage } from './site.ts';

const n = Number(process.argv[2] ?? 10000);
const pages = Array.from({ length: n }, (_, i) => Buffer.from(renderPage(i, n)));
const served = new Set<number>();
const server = createServer((req, res) => {
  const url = req.url ?? '/';
  if (url === '/__stats')
    return void res.end(
      JSON.stringify({
        pages: n,
        distinct: served.size,
        avgBytes: Math.round(pages.reduce((a, p) => a + p.length, 0) / n),
      }),
    );
  const m = url === '/' ? ['', '0'] : url.match(/^\/p\/(\d+)\.html$/);
  const i = m ? Number(m[1]) : -1;
  if (i < 0 || i >= n) return void res.writeHead(404).end();
  served.add(i);
  res
    .writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': pages[i].length,
    })
    .end(pages[i]);
});
server.keepAliveTimeout = 10_000;
server.listen(0, '127.0.0.1', () => console.log((server.address() as AddressInfo).port));
