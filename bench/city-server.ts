// Serves the simulated city from its own process (so serving costs the audit no CPU), every
// host on one port told apart by the Host header. Records the most requests each host had in
// flight at once; /__stats on any host prints them. Prints its port on stdout.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cityPage, type CityShape } from './city-site.ts';

const shape = JSON.parse(process.argv[2]) as CityShape;
const latencyMs = Number(process.argv[3] ?? 5);
const inFlight = new Map<string, number>();
const peak = new Map<string, number>();
const requests = new Map<string, number>();
const cache = new Map<string, Buffer | null>();

const server = createServer((req, res) => {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  if (req.url === '/__stats')
    return void res.end(
      JSON.stringify({ peak: Object.fromEntries(peak), requests: Object.fromEntries(requests) }),
    );
  const n = (inFlight.get(host) ?? 0) + 1;
  inFlight.set(host, n);
  peak.set(host, Math.max(peak.get(host) ?? 0, n));
  requests.set(host, (requests.get(host) ?? 0) + 1);
  res.once('close', () => inFlight.set(host, (inFlight.get(host) ?? 1) - 1));
  const key = `${host}${req.url}`;
  let body = cache.get(key);
  if (body === undefined) {
    const html = cityPage(host, req.url ?? '/', shape);
    body = html === undefined ? null : Buffer.from(html);
    cache.set(key, body);
  }
  // A real server's work: without it no two requests would ever overlap.
  setTimeout(() => {
    if (!body) return void res.writeHead(404).end('<html><body>404</body></html>');
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': body.length,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }, latencyMs);
});
server.keepAliveTimeout = 10_000;
server.listen(0, '127.0.0.1', () => console.log((server.address() as AddressInfo).port));
