// One masking step for every string a finding carries, whichever check wrote it: the whole
// page source that axe gives as html-has-lang's element must not carry a phone number into
// run.json, the reports and the spreadsheets; a 索引号 is not an ID number.
import { describe, expect, it } from 'vitest';
import { EVIDENCE_MAX, redact } from '../../src/extract/personal-data.ts';
import { extractPageAndText } from '../../src/extract/page.ts';
import { judgeUnit } from '../../src/judge/judge.ts';
import { storeWithUnit } from '../helpers/store.ts';
import { corpus, profile } from '../helpers/context.ts';

const ID = '341802199001011236'; // a valid check digit
const MOBILE = '13905631234';

describe('redact', () => {
  it('masks ID, mobile and card numbers and a bare long digit run cut at a snippet edge', () => {
    expect(redact(`张三 ${ID} 电话${MOBILE}`, '2022-11-15')).toBe(
      '张三 34*************236 电话139****1234',
    );
    expect(redact('卡号 6222021234567890128 余额', '2022-11-15')).not.toContain(
      '6222021234567890128',
    );
    expect(redact('…0119900101123', '2022-11-15')).toBe('…0119900101123'); // 13 digits: not personal
    expect(redact('…3418021990010112', '2022-11-15')).not.toContain('3418021990010112');
  });

  it('leaves 索引号, 文号, dates and phone-like registration numbers alone', () => {
    for (const s of [
      '索引号：11341700MB1911893J/202211-00054',
      '000014349/2018-00222',
      '宣政〔2022〕3号 2022-11-15',
      '公安机关备案号：15081599004-00001',
    ]) {
      expect(redact(s, '2022-11-15')).toBe(s);
    }
  });

  it('caps the length', () => {
    expect(redact('甲'.repeat(1000), '2022-11-15', EVIDENCE_MAX)).toHaveLength(EVIDENCE_MAX);
  });
});

/** A store holding one unit whose homepage is `page`, extracted as the crawl would. */
function storedHomepage(site: string, page: string) {
  const stored = storeWithUnit(site);
  const { artifacts, text } = extractPageAndText(page, site);
  const record = { url: site, finalUrl: site, kind: 'page' as const, depth: 0, status: 200 };
  stored.store.addPage(
    'r',
    'u',
    { ...record, contentType: 'text/html', elapsedMs: 5, artifacts, text },
    page,
  );
  stored.store.flush();
  return stored;
}

describe('judge: nothing leaves unmasked', () => {
  it('an accessibility finding whose element is the whole page carries no phone number and no page', async () => {
    const site = 'http://www.fixture.gov.cn/';
    const page = corpus('homepages/nmg-gov-cn_article_full-footer.html').replace(
      '<html',
      `<html data-x="联系电话 ${MOBILE}"`,
    );
    const { store, unit } = storedHomepage(site, page);
    store.setProbe('r', 'u', 'accessibility', {
      pages: [
        {
          url: site,
          violations: [
            {
              id: 'html-has-lang',
              impact: 'serious',
              help: '<html> 元素必须有 lang 属性',
              count: 1,
              nodes: [{ target: 'html', html: page }],
            },
          ],
        },
      ],
    });
    store.flush();
    const result = await judgeUnit(store, 'r', unit, profile(), '2022-11-15');
    const f = result.findings.find(
      (x) => x.check === 'accessibility' && x.message.includes('html-has-lang'),
    )!;
    expect(f).toBeDefined();
    expect(f.evidence.length).toBeLessThanOrEqual(EVIDENCE_MAX);
    expect(JSON.stringify(result)).not.toContain(MOBILE);
    store.close();
  });

  it('a selector or a URL with a mobile number carries none into the result', async () => {
    const site = `http://www.fixture.gov.cn/?tel=${MOBILE}`;
    const page = corpus('homepages/nmg-gov-cn_article_full-footer.html');
    const { store, unit } = storedHomepage(site, page);
    store.setProbe('r', 'u', 'accessibility', {
      pages: [
        {
          url: site,
          violations: [
            {
              id: 'link-name',
              impact: 'serious',
              help: '链接必须有可辨识的文字',
              count: 1,
              nodes: [{ target: `a[href="tel:${MOBILE}"]`, html: `<a href="tel:${MOBILE}"></a>` }],
            },
          ],
        },
      ],
    });
    store.flush();
    const result = await judgeUnit(store, 'r', unit, profile(), '2022-11-15');
    const f = result.findings.find((x) => x.check === 'accessibility')!;
    expect(f).toBeDefined();
    expect(f.locate).toBeUndefined(); // dropped: masked, it would point at nothing
    // Every string of every finding (the unit's own configured site is the office's, not one).
    expect(JSON.stringify(result.findings)).not.toContain(MOBILE);
    expect(f.url).toContain('139****1234');
    store.close();
  });
});
