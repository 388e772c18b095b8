// A browser-like client over fastify.inject for the server tests: keeps cookies, reads the CSRF
// token from the pages it gets and sends it with every form (unless told not to). Each client
// has its own address, as the login rate limit counts per address.
import type { FastifyInstance } from 'fastify';
import { PASSWORD } from './fixture.ts';

let next = 1;

export class Client {
  cookies = new Map<string, string>();
  csrf = '';
  readonly ip = `10.0.${Math.floor(next / 250)}.${(next++ % 250) + 1}`;

  constructor(private readonly app: FastifyInstance) {}

  async req(
    method: 'GET' | 'POST',
    url: string,
    form?: Record<string, string>,
    opts: { csrf?: boolean; headers?: Record<string, string> } = {},
  ) {
    const payload = form
      ? new URLSearchParams({
          ...(opts.csrf === false ? {} : { _csrf: this.csrf }),
          ...form,
        }).toString()
      : undefined;
    const res = await this.app.inject({
      method,
      url,
      payload,
      remoteAddress: this.ip,
      headers: {
        ...opts.headers,
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(payload ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
    });
    for (const c of [res.headers['set-cookie'] ?? []].flat()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
    const m = res.body.match(/name="_csrf" value="([^"]+)"/);
    if (m) this.csrf = m[1];
    return res;
  }

  /** Posts a multipart form (fields and at most one file), as a browser's upload form does. */
  async upload(
    url: string,
    fields: Record<string, string>,
    file?: { field: string; name: string; data: Buffer; type?: string },
  ) {
    const form = new FormData();
    form.set('_csrf', this.csrf);
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    if (file)
      form.set(
        file.field,
        new Blob([new Uint8Array(file.data)], { type: file.type ?? 'application/octet-stream' }),
        file.name,
      );
    const body = new Response(form);
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: Buffer.from(await body.arrayBuffer()),
      remoteAddress: this.ip,
      headers: { cookie: this.cookieHeader(), 'content-type': body.headers.get('content-type')! },
    });
    const m = res.body.match(/name="_csrf" value="([^"]+)"/);
    if (m) this.csrf = m[1];
    return res;
  }

  /** The Cookie header this client sends. */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** Logs in as the office. */
  async office(): Promise<this> {
    await this.req('GET', '/admin');
    const r = await this.req('POST', '/admin/login', { password: PASSWORD });
    if (r.statusCode !== 302) throw new Error(`office login answered ${r.statusCode}`);
    await this.req('GET', '/admin');
    return this;
  }

  /** Creates a share link (as the office) and returns its token. */
  async linkFor(unit: string): Promise<string> {
    const r = await this.req('POST', '/admin/links', { unit, days: '30' });
    return r.body.match(/\/s\/([\w-]+)/)![1];
  }

  /** Decides a unit's answer to a finding (the office's step; anyone else must be refused). */
  decide(unit: string, fingerprint: string, decision: 'accepted' | 'rejected', note = '') {
    return this.req('POST', '/admin/answers/decide', { unit, fingerprint, decision, note });
  }

  /** Opens a unit's share link. */
  async unit(token: string): Promise<this> {
    const open = await this.req('GET', `/s/${token}`);
    if (open.statusCode !== 200) throw new Error(`share link answered ${open.statusCode}`);
    const r = await this.req('POST', `/s/${token}`, { switch: '1' });
    if (r.statusCode !== 302) throw new Error(`share link answered ${r.statusCode}`);
    await this.req('GET', '/unit');
    return this;
  }
}
