import { describe, expect, it } from 'vitest';
import check from '../../checks/site-availability.ts';
import { context, html } from '../helpers/context.ts';

describe('site-availability', () => {
  it('passes a homepage that answered', () => {
    expect(check.run(context({ '/': { html: html('内容') } })).status).toBe('pass');
  });

  it('vetoes a homepage that timed out or was refused', () => {
    for (const errorClass of ['timeout', 'refused', 'dns'] as const) {
      const r = check.run(context({ '/': { errorClass, error: errorClass } }));
      expect(r.status).toBe('fail');
      expect(r.findings[0].severity).toBe('veto');
    }
  });

  it('vetoes a homepage that answers 404 or 500', () => {
    expect(check.run(context({ '/': { html: '', status: 500 } })).findings[0].severity).toBe('veto');
  });

  it('reports a WAF block as 无法检测, not as a site that is down', () => {
    const r = check.run(context({ '/': { errorClass: 'blocked', error: '服务器以 HTTP 403 拒绝访问' } }));
    expect(r).toMatchObject({ status: 'error', findings: [] });
  });
});
