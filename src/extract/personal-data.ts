// Personal data in text: 居民身份证号 (GB 11643-1999: region, a real past birth date, the check
// digit), mobile numbers, bank card numbers (Luhn, and a card/account word nearby). An 18-digit
// number with a wrong check digit is an order or serial number, not an ID; masked forms
// (138****1234, 3418**********1234) never match.

export type PersonalKind = 'id' | 'mobile' | 'bank';

export interface PersonalHit {
  kind: PersonalKind;
  value: string;
  index: number;
  /** 2–4 Chinese characters right before the number: a name in a 公示 table. */
  besideName: boolean;
  /** A mobile given as someone's contact (联系人、联系电话、咨询电话…), published on purpose. */
  contact?: boolean;
}

/** Words that give a number as a contact to call (a 解读's 咨询电话, a project's 联系人). */
const CONTACT_BEFORE =
  /(联系人|联系电话|联系方式|咨询电话|咨询方式|办公电话|值班电话|手机|电话)[^。；\n]{0,12}$/;

const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
  53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 91,
]);
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function isIdNumber(s: string, asOf: string): boolean {
  if (!/^[1-9]\d{16}[\dXx]$/.test(s)) return false;
  if (!PROVINCES.has(Number(s.slice(0, 2)))) return false;
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) return false;
  if (birth.toISOString().slice(0, 10) > asOf) return false;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(s[i]), 0);
  return CHECK[sum % 11] === s[17].toUpperCase();
}

export function luhn(s: string): boolean {
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    let n = Number(s[s.length - 1 - i]);
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

const NAME_BEFORE = /[\u4e00-\u9fa5]{2,4}[\s:：,，|]{0,3}$/;
const BANK_WORDS = /卡号|账号|帐号|银行|账户|帐户|存折/;

// Each kind's number, as it stands in the text: a whole run of digits (an ID may end in X).
const ID = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/y;
const BANK = /(?<![0-9A-Za-z])\d{16,19}(?![0-9A-Za-z])/y;
// An amount, a count or a registration number is not a phone number (总投资13500000000元,
// 公安机关备案号：15081599004-00001).
const MOBILE =
  /(?<![0-9A-Za-z.¥￥-])1[3-9]\d{9}(?![0-9A-Za-z.]|[-－]\d)(?!\s*(?:元|万|亿|人(?!行)|次|件|个|户|平方|米|吨|千|%|％))/y;

/** `re` (sticky) at each start, with where it matched. */
function matchesAt(text: string, re: RegExp, starts: number[]): { value: string; index: number }[] {
  const out: { value: string; index: number }[] = [];
  for (const i of starts) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (m) out.push({ value: m[0], index: i });
  }
  return out;
}

/** Where a run of 11 or more digits starts: every kind is such a whole run. */
function runStarts(text: string): number[] {
  const starts: number[] = [];
  for (const m of text.matchAll(/\d{11,}/g)) starts.push(m.index!);
  return starts;
}

/**
 * The personal data in a text. Each kind's pattern is tried only where a digit run starts
 * (`starts`; every position gives the same, as three scans of the whole text did, at ~3 times
 * the cost).
 */
export function findPersonalData(
  text: string,
  asOf: string,
  starts = runStarts(text),
): PersonalHit[] {
  if (starts.length === 0) return [];
  const hits: PersonalHit[] = [];
  const taken: [number, number][] = [];
  const beside = (i: number) => NAME_BEFORE.test(text.slice(Math.max(0, i - 8), i));
  for (const { value, index } of matchesAt(text, ID, starts)) {
    if (!isIdNumber(value, asOf)) continue;
    hits.push({ kind: 'id', value, index, besideName: beside(index) });
    taken.push([index, index + 18]);
  }
  for (const { value, index } of matchesAt(text, BANK, starts)) {
    if (taken.some(([a, b]) => index >= a && index < b)) continue;
    if (!luhn(value) || !BANK_WORDS.test(text.slice(Math.max(0, index - 12), index))) continue;
    hits.push({ kind: 'bank', value, index, besideName: beside(index) });
    taken.push([index, index + value.length]);
  }
  for (const { value, index } of matchesAt(text, MOBILE, starts)) {
    if (taken.some(([a, b]) => index >= a && index < b)) continue;
    if (
      /(编号|单号|流水号|索引号|代码|文号|备案号|证号|许可证)[:：\s]*$/.test(
        text.slice(Math.max(0, index - 10), index),
      )
    )
      continue;
    const contact = CONTACT_BEFORE.test(text.slice(Math.max(0, index - 24), index));
    hits.push({
      kind: 'mobile',
      value,
      index,
      besideName: beside(index),
      ...(contact ? { contact } : {}),
    });
  }
  return hits.sort((a, b) => a.index - b.index);
}

/** The masked form a report may show (the local masking standard's shape). */
export function mask(kind: PersonalKind, v: string): string {
  if (kind === 'id') return `${v.slice(0, 2)}${'*'.repeat(13)}${v.slice(-3)}`;
  if (kind === 'mobile') return `${v.slice(0, 3)}****${v.slice(-4)}`;
  return `${v.slice(0, 4)}${'*'.repeat(v.length - 8)}${v.slice(-4)}`;
}

/** Context around a hit with every long digit run in it masked, so evidence leaks nothing. */
export function maskedContext(text: string, index: number, length: number, radius = 16): string {
  // On whole tokens: a snippet cut inside a number (「80**********230 13…」) reads as a leak of its own.
  const word = /[0-9A-Za-z]/;
  let start = Math.max(0, index - radius);
  while (start > 0 && start < index && word.test(text[start - 1]) && word.test(text[start]))
    start++;
  let end = Math.min(text.length, index + length + radius);
  while (
    end < text.length &&
    end > index + length &&
    word.test(text[end - 1]) &&
    word.test(text[end])
  )
    end--;
  const snippet = text.slice(start, end).trim();
  return snippet.replace(
    /\d{6,}[\dXx]?/g,
    (d) => `${d.slice(0, 2)}${'*'.repeat(Math.max(0, d.length - 5))}${d.slice(-3)}`,
  );
}

/** How long an evidence string may be: enough to show the problem, never a whole page. */
export const EVIDENCE_MAX = 300;

/**
 * The one masking step every string a finding carries passes before it is stored (message,
 * evidence, reason): every ID, mobile and bank card number the detector recognises is masked,
 * and so is any bare run of 15+ digits (an ID or card cut at the edge of a snippet). A 索引号
 * (11341700MB1911893J/202211-00054) is neither and stays as written.
 */
export function redact(text: string, asOf: string, max = Infinity): string {
  let out = text;
  for (const hit of findPersonalData(text, asOf).reverse()) {
    out =
      out.slice(0, hit.index) + mask(hit.kind, hit.value) + out.slice(hit.index + hit.value.length);
  }
  out = out.replace(/(?<![0-9A-Za-z/-])\d{15,}[\dXx]?(?![0-9A-Za-z/-])/g, (d) =>
    mask(d.length === 18 ? 'id' : 'bank', d),
  );
  return out.length > max ? `${out.slice(0, max - 1)}…` : out;
}
