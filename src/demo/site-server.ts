// Serves a fixture site from an in-memory page map on loopback, for the demo and the tests.
// A route can misbehave on purpose: a status, a redirect, a hang, GBK bytes, a Retry-After.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';

export interface Route {
  /** Text (with __PORT__ replaced) or bytes served as they are. */
  body?: string | Buffer;
  status?: number;
  contentType?: string;
  /** Encode the body in this charset (gbk, gb2312…) and say so in the header. */
  charset?: string;
  /** Say nothing about the charset in the header (the page's <meta> must tell). */
  noHeaderCharset?: boolean;
  redirect?: string;
  /** Never answer. */
  hang?: boolean;
  /** Answer the first N requests with 503 (a server restarting), then normally. */
  failFirst?: number;
  headers?: Record<string, string>;
}

export type SiteMap = Record<string, Route | string>;

export interface RunningSite {
  port: number;
  /** Requests per path (and per path + query, for URLs with one). */
  hits: Map<string, number>;
  /** Of those, the requests that came over IPv6. */
  hits6: Map<string, number>;
  /** The most requests the site had in flight at once. */
  peak(): number;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Each answer waits this long, like a real server's work (in-flight limits become visible). */
  latencyMs?: number;
  /** Serve over HTTPS with this certificate and key (PEM). */
  tls?: { cert: string; key: string };
}

const TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  wps: 'application/octet-stream',
};

function handler(site: SiteMap, hits: Map<string, number>, port: () => number) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (url.search) hits.set(path + url.search, (hits.get(path + url.search) ?? 0) + 1);
    // A route may name a query (`/list.html?siteId=3`): that one first, then the path alone.
    const raw =
      (url.search ? site[path + url.search] : undefined) ??
      site[path] ??
      (path.endsWith('/') ? site[`${path}index.html`] : undefined);
    if (raw === undefined) {
      res
        .writeHead(404, { 'content-type': 'text/html; charset=utf-8' })
        .end('<html><body>404 页面不存在</body></html>');
      return;
    }
    const route: Route = typeof raw === 'string' ? { body: raw } : raw;
    if (route.hang) return; // the socket stays open until the client gives up
    if (route.failFirst && (hits.get(path) ?? 0) <= route.failFirst) {
      res
        .writeHead(503, { 'content-type': 'text/html; charset=utf-8' })
        .end('<html><body>503</body></html>');
      return;
    }
    if (route.redirect) {
      res.writeHead(route.status ?? 302, { location: route.redirect }).end();
      return;
    }
    const ext = path.match(/\.(\w+)$/)?.[1]?.toLowerCase() ?? 'html';
    const charset = route.charset ?? 'utf-8';
    const type = route.contentType ?? TYPES[ext] ?? 'text/html';
    const given = route.body ?? '';
    const text = typeof given === 'string' ? given.replaceAll('__PORT__', String(port())) : '';
    const body =
      typeof given !== 'string'
        ? given
        : charset === 'utf-8'
          ? Buffer.from(text)
          : iconv.encode(text, charset);
    const contentType =
      type.startsWith('text/') && !route.noHeaderCharset ? `${type}; charset=${charset}` : type;
    res.writeHead(route.status ?? 200, {
      'content-type': contentType,
      'content-length': body.length,
      ...route.headers,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

/**
 * Listens on `hosts` (default 127.0.0.1 and ::1) with one port for all of them, so the same
 * URL works over IPv4 and IPv6; pass only 127.0.0.1 to make a site that fails over IPv6.
 */
export async function serveSite(
  site: SiteMap,
  hosts: string[] = ['127.0.0.1', '::1'],
  fixedPort = 0,
  opts: ServeOptions = {},
): Promise<RunningSite> {
  const hits = new Map<string, number>();
  const hits6 = new Map<string, number>();
  let inFlight = 0;
  let peak = 0;
  const answer = handler(site, hits, () => port);
  const serve = (req: IncomingMessage, res: ServerResponse) => {
    peak = Math.max(peak, ++inFlight);
    if (req.socket.remoteFamily === 'IPv6') {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      hits6.set(path, (hits6.get(path) ?? 0) + 1);
    }
    let counted = true;
    const done = () => {
      if (counted) inFlight--;
      counted = false;
    };
    res.once('close', done);
    res.once('finish', done);
    if (opts.latencyMs) setTimeout(() => answer(req, res), opts.latencyMs);
    else answer(req, res);
  };
  let servers: Server[] = [];
  let port = fixedPort;
  // The port the first address got may be taken on the next (an IPv4 ephemeral port is not
  // reserved on ::1): then all are closed and the system is asked for another.
  for (let attempt = 0; ; attempt++) {
    try {
      for (const host of hosts) {
        const server = opts.tls ? createTlsServer(opts.tls, serve) : createServer(serve);
        await new Promise<void>((ok, fail) => {
          server.once('error', fail);
          server.listen({ host, port, ipv6Only: host.includes(':') }, () => ok());
        });
        port = (server.address() as AddressInfo).port;
        servers.push(server);
      }
      break;
    } catch (err) {
      await Promise.all(servers.map((s) => new Promise((ok) => s.close(ok))));
      servers = [];
      port = fixedPort;
      if (fixedPort || attempt >= 5 || (err as { code?: string }).code !== 'EADDRINUSE') throw err;
    }
  }
  return {
    port,
    hits,
    hits6,
    peak: () => peak,
    close: () =>
      Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((ok) => {
              s.closeAllConnections();
              s.close(() => ok());
            }),
        ),
      ).then(() => undefined),
  };
}
