// The https check over real TLS servers on loopback: certificates made for the test by a test
// authority the client trusts (valid), self-signed, or for another name; a site without TLS.
import { createServer as createHttp, type Server } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';
import selfsigned from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import check from '../../checks/https.ts';
import { HostMap } from '../../src/net/hosts.ts';
import { HttpClient } from '../../src/net/http.ts';
import { httpsAddresses, probeHttps } from '../../src/probes/https.ts';
import { context, html } from '../helpers/context.ts';

const HOST = 'www.tls.gov.cn';
const servers: Server[] = [];
let ca: { cert: string; key: string };
let leaf: { cert: string; key: string };
let selfSigned: { cert: string; key: string };
let otherName: { cert: string; key: string };

const year = () => {
  const from = new Date(Date.now() - 86_400_000);
  return {
    notBeforeDate: from,
    notAfterDate: new Date(from.getTime() + 365 * 86_400_000),
    algorithm: 'sha256' as const,
  };
};
const forName = async (name: string, signer?: { cert: string; key: string }) => {
  const p = await selfsigned.generate([{ name: 'commonName', value: name }], {
    ...year(),
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: name }] }],
    ...(signer ? { ca: signer } : {}),
  });
  return { cert: p.cert, key: p.private };
};

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  const root = await selfsigned.generate([{ name: 'commonName', value: 'zwgk test CA' }], {
    ...year(),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  ca = { cert: root.cert, key: root.private };
  leaf = await forName(HOST, ca);
  otherName = await forName('other.example.gov.cn', ca);
  selfSigned = await forName(HOST);
});
afterAll(() => Promise.all(servers.map((s) => new Promise((ok) => s.close(ok)))));

const page = (body: string) => `<html><head><title>首页</title></head><body>${body}</body></html>`;

async function site(
  cert: { cert: string; key: string } | undefined,
  opts: { redirect?: boolean; body?: string } = {},
) {
  const httpsPort = cert
    ? await listen(
        createHttps(cert, (_req, res) =>
          res
            .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
            .end(page(opts.body ?? '<p>首页</p>')),
        ),
      )
    : await listen(createHttp()).then(async (port) => {
        // A port that answers no TLS at all: closed.
        await new Promise((ok) => servers.pop()!.close(ok));
        return port;
      });
  const httpPort = await listen(
    createHttp((_req, res) => {
      if (opts.redirect) res.writeHead(301, { location: `https://${HOST}:${httpsPort}/` }).end();
      else
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(page('<p>明文首页</p>'));
    }),
  );
  const client = new HttpClient(new HostMap({ [HOST]: ['127.0.0.1'] }, true), { ca: [ca.cert] });
  const probe = await probeHttps({
    site: `https://${HOST}:${httpsPort}/`,
    client,
    userAgent: 'test',
    timeoutMs: 3000,
    addresses: { https: `https://${HOST}:${httpsPort}/`, http: `http://${HOST}:${httpPort}/` },
  });
  await client.close();
  return check.run(context({ '/': { html: html('首页') } }, { probes: { https: probe } }));
}

describe('https', () => {
  it('passes a valid certificate for the name, HTTP sent to HTTPS, nothing loaded over HTTP', async () => {
    const r = await site(leaf, {
      redirect: true,
      body: '<img src="https://www.tls.gov.cn/logo.png"><a href="http://elsewhere.gov.cn/">友情链接</a>',
    });
    expect(r).toMatchObject({ status: 'pass', findings: [] });
  });

  it('flags a self-signed certificate and one made for another name', async () => {
    expect((await site(selfSigned, { redirect: true })).findings.map((f) => f.message)).toEqual([
      '网站的 HTTPS 证书无效：TLS/证书错误（自签名证书，不受信任）。',
    ]);
    expect((await site(otherName, { redirect: true })).findings.map((f) => f.message)).toEqual([
      '网站的 HTTPS 证书无效：TLS/证书错误（证书与域名不符）。',
    ]);
  });

  it('flags a site without TLS', async () => {
    const r = await site(undefined);
    expect(r.findings.map((f) => f.key)).toEqual(['no-https']);
    expect(r.findings[0].message).toMatch(/^网站不支持 HTTPS 访问（/);
  });

  it('flags plain HTTP that stays plain and a homepage loading scripts and images over HTTP', async () => {
    const r = await site(leaf, {
      body:
        '<script src="http://cdn.example.com/a.js"></script><img src="http://www.tls.gov.cn/x.png">' +
        '<link rel="stylesheet" href="http://www.tls.gov.cn/s.css">',
    });
    expect(r.findings.map((f) => f.key)).toEqual(['no-redirect', 'mixed']);
    expect(r.findings[1].message).toContain('3 个 HTTP 资源');
  });

  it("says 无法检测 without the probe, and 不适用 where the site's port gives no HTTPS address", () => {
    expect(check.run(context({ '/': { html: html('首页') } })).status).toBe('error');
    expect(httpsAddresses('http://www.x.gov.cn:8080/')).toBeUndefined();
    expect(httpsAddresses('http://www.x.gov.cn/a/')).toEqual({
      https: 'https://www.x.gov.cn/a/',
      http: 'http://www.x.gov.cn/a/',
    });
  });

  it('asks the ports a unit names for a site on ports of its own', () => {
    expect(httpsAddresses('http://www.x.gov.cn:8080/a/', { https: 8443 })).toEqual({
      https: 'https://www.x.gov.cn:8443/a/',
      http: 'http://www.x.gov.cn:8080/a/',
    });
    expect(httpsAddresses('https://www.x.gov.cn:8443/', { http: 8080 })).toEqual({
      https: 'https://www.x.gov.cn:8443/',
      http: 'http://www.x.gov.cn:8080/',
    });
    // Without `ports`, an HTTPS site is asked over plain HTTP on the standard port.
    expect(httpsAddresses('https://www.x.gov.cn:8443/')?.http).toBe('http://www.x.gov.cn/');
  });
});
