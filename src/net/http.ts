// One HTTP fetch with everything an audit needs to record: each redirect hop, the final URL,
// status, the headers we use, the body (bounded) and, on failure, an error class that says
// what went wrong in terms a unit understands (timeout, DNS, refused, TLS, redirects, blocked).
import tls from 'node:tls';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { Agent, buildConnector, ProxyAgent, request, type Dispatcher } from 'undici';
import { bypassesProxy, type ProxySetting } from './proxy.ts';
import type { Family, HostMap } from './hosts.ts';
import type { ErrorClass } from '../contract/page.ts';

export interface FetchOutcome {
  url: string;
  finalUrl: string;
  status: number | null;
  contentType: string | null;
  headers: Record<string, string>;
  redirects: string[];
  body?: Buffer;
  errorClass?: ErrorClass;
  error?: string;
  /** Raw error code (ECONNREFUSED, ENETUNREACH…), kept to tell our side's failures from the site's. */
  errorCode?: string;
  elapsedMs: number;
}

export interface FetchOptions {
  method?: 'GET' | 'HEAD' | 'POST';
  /** A POST's form body (application/x-www-form-urlencoded); redirects after it are GETs. */
  form?: Record<string, string>;
  timeoutMs: number;
  maxRedirects: number;
  userAgent: string;
  headers?: Record<string, string>;
  family?: Family;
  maxBytes?: number;
  /** Read the body (GET) or stop after the headers (status-only link checks). */
  readBody?: boolean;
  /** Aborts the request when the run is interrupted. */
  signal?: AbortSignal;
}

const KEPT_HEADERS = [
  'content-type',
  'retry-after',
  'last-modified',
  'server',
  'content-length',
  'location',
  'set-cookie',
  'content-encoding',
];

/** Agents are per HostMap and family, so keep-alive works and the override applies everywhere. */
export class HttpClient {
  private agents = new Map<string, Agent>();

  constructor(
    readonly hosts: HostMap,
    /** Certificate authorities trusted besides the system's (an office's intranet CA; tests). */
    private readonly opts: { ca?: string[]; proxy?: ProxySetting } = {},
  ) {}

  /** The proxy requests go through, if any (probes that need a direct connection say so). */
  get proxy(): ProxySetting | undefined {
    return this.opts.proxy;
  }

  /**
   * The dispatcher for a URL: through the proxy unless NO_PROXY names its host; directly with
   * the hosts override otherwise. A request that asks for an address family goes direct.
   */
  dispatcher(url?: string, family?: Family): Dispatcher {
    const p = this.opts.proxy;
    if (!p || family !== undefined || (url && bypassesProxy(p, new URL(url).hostname)))
      return this.agent(family);
    if (!this.proxyAgent) {
      // The proxy's own address goes through the hosts override and the loopback guard too.
      const refused = this.hosts.refuses(p.url);
      if (refused) throw refused;
      const lookup = this.hosts.lookupFunction();
      const ca = this.opts.ca ? { ca: [...tls.rootCertificates, ...this.opts.ca] } : {};
      this.proxyAgent = new ProxyAgent({
        uri: p.url,
        // http:// targets as plain forward-proxy requests (offices' proxies often allow CONNECT
        // to 443 only); https:// targets through a CONNECT tunnel.
        proxyTunnel: false,
        proxyTls: { lookup, timeout: 10_000 } as never,
        requestTls: ca,
      });
    }
    return this.proxyAgent;
  }

  private proxyAgent?: ProxyAgent;

  private agent(family?: Family): Agent {
    const key = String(family ?? 0);
    let a = this.agents.get(key);
    if (!a) {
      const connect = buildConnector({
        lookup: this.hosts.lookupFunction(family),
        timeout: 10_000,
        ...(this.opts.ca ? { ca: [...tls.rootCertificates, ...this.opts.ca] } : {}),
      } as buildConnector.BuildOptions);
      a = new Agent({
        // The last line of the loopback guard: every socket this agent opens, whoever asked.
        connect: (o, callback) => {
          const refused = this.hosts.refuses(`${o.protocol}//${o.host ?? o.hostname}/`);
          if (refused) return callback(refused, null);
          return connect(o, callback);
        },
        keepAliveTimeout: 4_000,
        connections: 64,
      });
      this.agents.set(key, a);
    }
    return a;
  }

  async close(): Promise<void> {
    await Promise.all([...this.agents.values()].map((a) => a.close().catch(() => undefined)));
    this.agents.clear();
    await this.proxyAgent?.close().catch(() => undefined);
    this.proxyAgent = undefined;
  }

  async fetch(url: string, opts: FetchOptions): Promise<FetchOutcome> {
    const started = performance.now();
    const redirects: string[] = [];
    const timeout = AbortSignal.timeout(opts.timeoutMs);
    const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
    let method = opts.method ?? 'GET';
    let current = url;
    const outcome = (o: Partial<FetchOutcome>): FetchOutcome => ({
      url,
      finalUrl: current,
      status: null,
      contentType: null,
      headers: {},
      redirects,
      elapsedMs: Math.round(performance.now() - started),
      ...o,
    });
    try {
      for (;;) {
        const refused = this.hosts.refuses(current);
        if (refused) throw refused;
        const posting = method === 'POST' && opts.form;
        const res = await request(current, {
          method,
          dispatcher: this.dispatcher(current, opts.family),
          signal,
          headers: {
            'user-agent': opts.userAgent,
            accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
            'accept-language': 'zh-CN,zh;q=0.9',
            ...(posting ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
            ...opts.headers,
          },
          ...(posting ? { body: new URLSearchParams(opts.form).toString() } : {}),
        });
        const headers = keptHeaders(res.headers);
        if (res.statusCode >= 300 && res.statusCode < 400 && headers.location) {
          await res.body.dump();
          if (redirects.length >= opts.maxRedirects) {
            return outcome({
              status: res.statusCode,
              headers,
              errorClass: 'redirects',
              error: `重定向超过 ${opts.maxRedirects} 次`,
            });
          }
          redirects.push(current);
          current = new URL(headers.location, current).href;
          if (method === 'POST') method = 'GET'; // 302/303 after a form: the answer is a GET
          continue;
        }
        const contentType = headers['content-type'] ?? null;
        let body: Buffer | undefined;
        if (method !== 'HEAD' && opts.readBody !== false) {
          const got = await readCapped(res.body, headers, opts.maxBytes ?? 5 * 1024 * 1024);
          if ('tooLarge' in got)
            return outcome({
              status: res.statusCode,
              contentType,
              headers,
              errorClass: 'too-large',
              error: got.tooLarge,
            });
          body = got.body;
        } else {
          discard(res.body);
        }
        return outcome({ status: res.statusCode, contentType, headers, body });
      }
    } catch (err) {
      if (opts.signal?.aborted && !timeout.aborted)
        return outcome({
          errorClass: 'network',
          errorCode: 'ABORTED',
          error: '运行被中断，未完成',
        });
      const { errorClass, code, message } = classifyError(err, timeout.aborted);
      return outcome({ errorClass, errorCode: code, error: message });
    }
  }
}

/** One request passed through for the browser: any method, its headers and body, no redirect followed. */
export interface Forwarded {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'content-encoding',
  'host',
  'accept-encoding',
  'upgrade',
  'proxy-connection',
]);

export async function forward(
  client: HttpClient,
  url: string,
  req: {
    method: string;
    headers: Record<string, string>;
    body?: Buffer | null;
    timeoutMs: number;
    userAgent: string;
    maxBytes: number;
    signal?: AbortSignal;
  },
): Promise<Forwarded | { errorClass: ErrorClass; error: string }> {
  const timeout = AbortSignal.timeout(req.timeoutMs);
  const signal = req.signal ? AbortSignal.any([timeout, req.signal]) : timeout;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (!HOP_BY_HOP.has(k.toLowerCase())) headers[k] = v;
  headers['user-agent'] = req.userAgent;
  try {
    const refused = client.hosts.refuses(url);
    if (refused) throw refused;
    const res = await request(url, {
      method: req.method as 'GET',
      headers,
      body: req.body ?? undefined,
      dispatcher: client.dispatcher(url),
      signal,
    });
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) {
      if (v === undefined || HOP_BY_HOP.has(k)) continue;
      out[k] = Array.isArray(v) ? v.join(k === 'set-cookie' ? '\n' : ', ') : String(v);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += chunk.length;
      if (size > req.maxBytes) {
        discard(res.body);
        return { errorClass: 'too-large', error: `超过 ${mb(req.maxBytes)}` };
      }
      chunks.push(chunk);
    }
    const encoding = res.headers['content-encoding'];
    const inflated = decompress(
      Buffer.concat(chunks),
      typeof encoding === 'string' ? encoding : undefined,
      req.maxBytes,
    );
    if ('bomb' in inflated) return { errorClass: 'too-large', error: inflated.bomb };
    return { status: res.statusCode, headers: out, body: inflated.body };
  } catch (err) {
    const { errorClass, message } = classifyError(err, timeout.aborted);
    return { errorClass, error: message };
  }
}

/** Drops a body we do not want; destroying an undici body emits an error nobody else listens to. */
function discard(body: NodeJS.ReadableStream & { destroy(): void }): void {
  body.on('error', () => undefined);
  body.destroy();
}

const TLS_WHY: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: '自签名证书，不受信任',
  SELF_SIGNED_CERT_IN_CHAIN: '证书链含自签名证书，不受信任',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: '无法验证证书签发者',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: '证书签发者不受信任',
  CERT_HAS_EXPIRED: '证书已过期',
  CERT_NOT_YET_VALID: '证书尚未生效',
  ERR_TLS_CERT_ALTNAME_INVALID: '证书与域名不符',
};

export function classifyError(
  err: unknown,
  timedOut: boolean,
): { errorClass: ErrorClass; code?: string; message: string } {
  const e = err as {
    code?: string;
    name?: string;
    message?: string;
    cause?: { code?: string; message?: string };
  };
  const code = e?.code ?? e?.cause?.code;
  const message = e?.message ?? String(err);
  if (timedOut || e?.name === 'TimeoutError' || e?.name === 'AbortError')
    return { errorClass: 'timeout', code, message: '请求超时' };
  switch (code) {
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return { errorClass: 'timeout', code, message: '请求超时' };
    case 'ENOTFOUND':
    case 'ENODATA':
    case 'EAI_AGAIN':
    case 'ESERVFAIL':
      return { errorClass: 'dns', code, message: `域名解析失败（${code}）` };
    case 'EPOLICY':
      return { errorClass: 'policy', code, message };
    case 'ECONNREFUSED':
      return { errorClass: 'refused', code, message: '连接被拒绝' };
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
    case 'EPIPE':
      return { errorClass: 'reset', code, message: '连接被重置' };
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'EADDRNOTAVAIL':
    case 'EAFNOSUPPORT':
      return { errorClass: 'unreachable', code, message: `网络不可达（${code}）` };
  }
  if (code && (/^ERR_TLS|CERT|SSL/.test(code) || /certificate|ssl|tls/i.test(message))) {
    return { errorClass: 'tls', code, message: `TLS/证书错误（${TLS_WHY[code] ?? code}）` };
  }
  return { errorClass: 'network', code, message };
}

/** Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), or undefined. */
export function retryAfterSeconds(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * We ask for no compression, but some servers compress anyway: decode what they say they sent, so
 * compressed bytes are never judged as a broken page. Bytes that do not decode stay as they came.
 * The decoded size is capped by the same limit as the bytes on the wire: zlib stops inflating at
 * `maxOutputLength`, so a 6 KB brotli answer never becomes gigabytes (a decompression bomb).
 * Stacked encodings (`gzip, br`) are undone last first.
 */
export function decompress(
  body: Buffer,
  encoding: string | undefined,
  limit: number,
): { body: Buffer } | { bomb: string } {
  const codings = (encoding ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e && e !== 'identity');
  let out = body;
  for (const e of codings.reverse()) {
    if (out.length === 0) break;
    const inflate = INFLATE[e];
    if (!inflate) break;
    try {
      out = inflate(out, { maxOutputLength: limit });
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
        return { bomb: `解压后超过 ${mb(limit)}，疑似压缩炸弹（压缩前 ${mb(body.length)}）` };
      return { body }; // mislabelled: judged as the bytes they are
    }
  }
  return { body: out };
}

const INFLATE: Record<string, (b: Buffer, o: { maxOutputLength: number }) => Buffer> = {
  gzip: gunzipSync,
  'x-gzip': gunzipSync,
  deflate: inflateSync,
  br: brotliDecompressSync,
};

/** A byte count as people read it: 5 MB, 256 KB. */
export const mb = (n: number) =>
  n >= 1024 * 1024
    ? `${+(n / 1024 / 1024).toFixed(1)} MB`
    : n >= 1024
      ? `${+(n / 1024).toFixed(1)} KB`
      : `${n} 字节`;

/** The response headers we keep, each one string. */
function keptHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const k of KEPT_HEADERS) {
    const v = raw[k];
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return headers;
}

/** The body, up to `limit` bytes on the wire and after decompression (a bomb is refused). */
async function readCapped(
  stream: NodeJS.ReadableStream & AsyncIterable<Buffer> & { destroy(): void },
  headers: Record<string, string>,
  limit: number,
): Promise<{ body: Buffer } | { tooLarge: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > limit) {
      discard(stream);
      return { tooLarge: `页面超过 ${mb(limit)}` };
    }
    chunks.push(chunk);
  }
  const inflated = decompress(Buffer.concat(chunks), headers['content-encoding'], limit);
  return 'bomb' in inflated ? { tooLarge: inflated.bomb } : { body: inflated.body };
}
