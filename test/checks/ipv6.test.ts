import { describe, expect, it } from 'vitest';
import check from '../../checks/ipv6.ts';
import { context, html } from '../helpers/context.ts';
import type { Ipv6Probe } from '../../src/contract/probes.ts';

const ok = (url: string, title = '首页') => ({ url, status: 200, title, ourSide: false });
const probe = (p: Partial<Ipv6Probe>): Ipv6Probe => ({
  host: 'www.test.gov.cn',
  aaaa: ['::1'],
  v4: ok('/'),
  v6: ok('/'),
  links: [],
  ...p,
});
const run = (p: Ipv6Probe, footer = '') =>
  check.run(context({ '/': { html: html('', footer) } }, { probes: { ipv6: p } }));

describe('ipv6', () => {
  it('passes a site reachable over IPv6 with the same content', () => {
    expect(run(probe({ links: [ok('/a'), ok('/b')] }))).toMatchObject({
      status: 'pass',
      findings: [],
    });
  });

  it('flags a missing AAAA record, and a false 已支持IPv6 claim beside it', () => {
    const r = run(probe({ aaaa: [], aaaaError: 'ENODATA', v6: undefined }), '本站已支持IPv6访问');
    expect(r.findings.map((f) => f.key)).toEqual(['aaaa', 'false-claim']);
    // The resolver's code in words, the code kept in brackets.
    expect(r.findings[0].evidence).toBe('AAAA 查询结果：该域名没有 AAAA 记录（ENODATA）');
  });

  it("flags the site when IPv6 is refused or reset: that is the site's failure", () => {
    const r = run(
      probe({
        v6: { url: '/', status: null, error: '连接被拒绝', errorClass: 'refused', ourSide: false },
      }),
    );
    expect(r.status).toBe('fail');
    expect(r.findings[0].key).toBe('v6-homepage');
  });

  it('says 无法检测 when this machine has no IPv6 route, never fail', () => {
    const r = run(
      probe({
        v6: {
          url: '/',
          status: null,
          error: '网络不可达（ENETUNREACH）',
          errorClass: 'unreachable',
          ourSide: true,
        },
      }),
      '本站已支持IPv6',
    );
    expect(r).toMatchObject({ status: 'error', findings: [] });
  });

  it('flags IPv6 content that differs from IPv4', () => {
    expect(run(probe({ v6: { ...ok('/'), title: 'Welcome to nginx!' } })).findings[0].key).toBe(
      'v4-v6-differ',
    );
  });

  it('reports unreachable 二/三级 pages as information unless the profile sets a share', () => {
    const p = probe({ links: [ok('/a'), { url: '/b', status: 502, ourSide: false }] });
    const r = run(p);
    expect(r.status).toBe('pass');
    expect(r.findings.map((f) => f.severity)).toEqual(['info']);
    expect(r.metrics).toMatchObject({ linkShare: 0.5 });
  });

  it('says 无法检测 without a probe', () => {
    expect(check.run(context({ '/': { html: html('') } })).status).toBe('error');
  });
});
