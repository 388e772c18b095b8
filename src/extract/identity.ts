// Site-identity facts as a page states them: 网站标识码 (footer text, SiteIDCode meta, the 找错
// script's sitecode), ICP备案号, 公安机关备案号, the 党政机关 (conac) mark and 主办单位.
// Plain facts only; whether they are right is the site-identity check's business.
import type { IdentityFacts } from '../contract/page.ts';

const SITE_ID_RE = /网站标识码\s*[:：]?\s*([A-Za-z0-9]*)/;
const ICP_RE = /[\u4e00-\u9fa5]\s*ICP\s*备\s*[:：]?\s*\d{4,10}\s*号?(?:\s*-\s*\d+)?/i;
// 「皖公网安备 34180202000123号」,
// and the labelled forms 「公安机关备案号：…」「公安备案号：35012899001-19002」.
const GONGAN_RE =
  /(?:[\u4e00-\u9fa5]\s*公网?安备\s*[:：]?\s*\d{10,14}\s*号?|公安(?:机关)?(?:网站)?备案(?:编?号)\s*[:：]?\s*[\d-]{6,20})/;
// 「主办单位：某某」「主办：某某」「主办单位 某某」,
// and the name first: 「某某（主办）」「某某主办」.
const SPONSOR_NAME = String.raw`([^\s|｜,，;；:：]{2,40})`;
const SPONSOR_RE = new RegExp(
  [
    String.raw`主办(?:单位)?\s*[:：]?\s+${SPONSOR_NAME}`,
    String.raw`主办(?:单位)?\s*[:：]\s*${SPONSOR_NAME}`,
    String.raw`([\u4e00-\u9fa5（）()]{4,40}?)\s*[（(]?主办[）)]?(?![\u4e00-\u9fa5]*[:：])`,
  ].join('|'),
);
const IPV6_CLAIM_RE = /(?:已|全面)?支持\s*IPv6(?:访问)?|IPv6\s*(?:已)?支持/i;

/**
 * The first match of `re` near an occurrence of `needle`: a literal search first, then the
 * regex on a small window. Running these regexes over a whole 30 KB page cost more than parsing.
 */
function near(
  text: string,
  needle: string,
  re: RegExp,
  before = 4,
  after = 60,
): RegExpMatchArray | null {
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) {
    const m = text.slice(Math.max(0, i - before), i + needle.length + after).match(re);
    if (m) return m;
  }
  return null;
}

const ORGANISATION = /(政府|办公室|办公厅|局|委员会|委|厅|部|院|中心|署|会|处|所|站|馆)$/;
const COPYRIGHT_RE = new RegExp(
  /([\u4e00-\u9fa5（）()·]{4,40}?)\s*(?:©|\(c\)|&copy;)?\s*版权所有|/.source +
    /版权所有\s*[:：©]?\s*(?:©\s*)?(?:\d{4}\s*)?([\u4e00-\u9fa5（）()]{4,40})/.source,
  'i',
);

function sponsorOf(m: RegExpMatchArray | null): string | undefined {
  const name = m?.[1] ?? m?.[2] ?? m?.[3];
  // The name-first form must name an organisation, not be the tail of a sentence.
  if (!name || (m?.[3] && !ORGANISATION.test(name.replace(/[（(）)]/g, '')))) return undefined;
  return name.replace(/^[（(]|[（(]$/g, '');
}

function holderOf(m: RegExpMatchArray | null): string | undefined {
  const name = (m?.[1] ?? m?.[2])?.replace(/^[·]|中国·/g, '');
  return name && ORGANISATION.test(name) ? name : undefined;
}

export function extractIdentity(
  text: string,
  rawHtml: string,
  meta: Record<string, string>,
): IdentityFacts {
  const siteId = near(text, '标识码', SITE_ID_RE, 4, 20);
  // The 找错 entry: the national jiucuo.js, or a placeholder a platform's script fills (安徽's
  // <div class="j-jiucuo" data-setting="{sitecode:3400000072}">), or a link to a 纠错 page.
  const jiucuoTag =
    rawHtml.match(/<script[^>]*(?:id\s*=\s*["']?_jiucuo_|jiucuo\.js)[^>]*>/i)?.[0] ??
    rawHtml.match(/<(?:div|span|a)\b[^>]*class\s*=\s*["'][^"']*\bj-jiucuo\b[^>]*>/i)?.[0];
  const jiucuoSitecode = jiucuoTag?.match(/sitecode\s*[=:]\s*["']?([A-Za-z0-9]+)/i)?.[1];
  const findErrorLink = /我为政府网站找错|网站纠错|政府网站找错|jiucuo\.html?\b|\/exposure\//.test(
    rawHtml,
  );
  // The conac mark is a span, a script from dcs.conac.cn, a link to bszs.conac.cn (often written
  // by document.write(unescape(...)), so the raw HTML is read, escaped too), or a placeholder
  // a platform's script fills (安徽's <div class="dzjg j-gov">, 党政机关 = dzjg).
  const conac = /_ideConac|conac\.cn|conac%2Ecn|conac%2ecn|class\s*=\s*["'][^"']*\bj-gov\b/i.test(
    rawHtml,
  );
  return {
    siteIdCode: siteId ? siteId[1] : undefined,
    metaSiteIdCode: meta.siteidcode,
    jiucuo: Boolean(jiucuoTag),
    jiucuoSitecode,
    findErrorEntry: Boolean(jiucuoTag) || findErrorLink,
    icp: (near(text, 'ICP', ICP_RE, 4, 30) ?? near(text, 'icp', ICP_RE, 4, 30))?.[0].replace(
      /\s+/g,
      '',
    ),
    gongan: (near(text, '安备', GONGAN_RE, 6, 30) ??
      near(text, '公安机关备案号', GONGAN_RE, 0, 40))?.[0].replace(/\s+/g, ''),
    conac,
    sponsor: sponsorOf(near(text, '主办', SPONSOR_RE, 40, 50)),
    copyrightHolder: holderOf(near(text, '版权所有', COPYRIGHT_RE, 40, 30)),
    ipv6Claim: /ipv6/i.test(text) ? text.match(IPV6_CLAIM_RE)?.[0] : undefined,
  };
}
