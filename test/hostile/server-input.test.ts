// The server's answers to hostile input: 400 (never 500) for fields that are not strings and
// dates that are no day, the security headers on Node's own 431/400 answers too, notices only
// from a fixed list, and CSRF tokens bound to the session they were made in.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../serve/client.ts';
import { startServerFixture } from '../serve/fixture.ts';

let fx: Awaited<ReturnType<typeof startServerFixture>>;
let port = 0;
beforeAll(async () => {
  fx = await startServerFixture();
  port = Number(new URL(await fx.app.listen({ host: '127.0.0.1', port: 0 })).port);
});
afterAll(() => fx.close());

/** Bytes as they are sent, the answer's status line and headers as they come back. */
const raw = (bytes: Buffer) =>
  new Promise<string>((ok) => {
    const s = connect(port, '127.0.0.1');
    let out = '';
    s.on('data', (d) => (out += d));
    s.on('close', () => ok(out.split('\r\n\r\n')[0]));
    s.on('error', () => ok(out));
    s.write(bytes);
    setTimeout(() => s.end(), 1000);
  });

describe("Node's own answers", () => {
  it.each([
    ['a 60 KB URL', Buffer.from(`GET /${'a'.repeat(60_000)} HTTP/1.1\r\nHost: x\r\n\r\n`), 431],
    [
      'an 80 KB header',
      Buffer.from(`GET / HTTP/1.1\r\nHost: x\r\nX-A: ${'a'.repeat(80_000)}\r\n\r\n`),
      431,
    ],
    [
      'a 0xff byte in the path',
      Buffer.from('GET /a\xff HTTP/1.1\r\nHost: x\r\n\r\n', 'latin1'),
      400,
    ],
  ])('answer %s with the security headers and nothing echoed', async (_name, bytes, status) => {
    const head = await raw(bytes);
    expect(head.split('\r\n')[0]).toBe(
      `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}`,
    );
    expect(head).toMatch(/content-security-policy: default-src 'none'/i);
    expect(head).toMatch(/x-content-type-options: nosniff/i);
    expect(head).toMatch(/cache-control: no-store/i);
    expect(head).not.toMatch(/application\/json/i);
  });
});

describe('fields that are not strings', () => {
  it('answers 400 or the login page, never 500, to object-valued fields', async () => {
    const c = new Client(fx.app);
    await c.req('GET', '/admin');
    const login = await fx.app.inject({
      method: 'POST',
      url: '/admin/login',
      headers: { 'content-type': 'application/json', cookie: c.cookieHeader() },
      payload: JSON.stringify({ _csrf: c.csrf, password: { toString: 1 } }),
    });
    expect(login.statusCode).toBeLessThan(500);
    const office = await new Client(fx.app).office();
    for (const [url, body] of [
      ['/admin/answers/decide', { decision: { a: 1 }, unit: ['jia'], fingerprint: { x: 1 } }],
      ['/admin/links', { unit: { a: 1 }, days: { valueOf: 1 } }],
    ] as const) {
      const r = await fx.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json', cookie: office.cookieHeader() },
        payload: JSON.stringify({ _csrf: office.csrf, ...body }),
      });
      expect(r.statusCode, url).toBe(400);
    }
  });

  it('reads a date that is no day as no filter', async () => {
    const office = await new Client(fx.app).office();
    const r = await office.req('GET', '/admin/log?to=2026-13-45&from=2026-02-30');
    expect(r.statusCode).toBe(200);
  });
});

describe('notices', () => {
  it('shows only notices from its own list, never words from the URL', async () => {
    const office = await new Client(fx.app).office();
    const planted = await office.req(
      'GET',
      `/admin?msg=${encodeURIComponent('系统通知：请致电 400-000-0000 领取')}`,
    );
    expect(planted.body).not.toContain('400-000-0000');
    const ours = await office.req('GET', '/admin?msg=revoked&n=7');
    expect(ours.body).toContain('已撤销分享链接 #7');
    const odd = await office.req('GET', '/admin?msg=revoked&n=<b>7</b>');
    expect(odd.body).not.toContain('<b>7</b>');
  });
});

describe('CSRF tokens', () => {
  it('refuses a token made in another session', async () => {
    const a = await new Client(fx.app).office();
    const b = await new Client(fx.app).office();
    // a's token and a's CSRF cookie, sent with b's session: valid but for the session.
    b.csrf = a.csrf;
    b.cookies.set('_csrf', a.cookies.get('_csrf')!);
    expect(a.cookies.get('_csrf')).toBeDefined();
    const r = await b.req('POST', '/admin/runs', {});
    expect(r.statusCode).toBe(403);
    expect(r.body).toContain('防伪令牌');
  });
});
