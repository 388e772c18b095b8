// Everything a person reads is in Beijing time (Asia/Shanghai), whatever the machine's zone: run
// ids, report footers, the default assessment date.
const TZ = 'Asia/Shanghai';

function parts(d: Date): Record<string, string> {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone: TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return Object.fromEntries(f.formatToParts(d).map((p) => [p.type, p.value]));
}

/** Today's date in Beijing, YYYY-MM-DD. */
export function beijingDate(d = new Date()): string {
  const p = parts(d);
  return `${p.year}-${p.month}-${p.day}`;
}

/** 2026-12-01 08:30:05 (北京时间). */
export function beijingTime(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return String(iso); // not a time: shown as it was stored
  const p = parts(d);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** A compact stamp for run ids: 20261201-083005. */
export function beijingStamp(d = new Date()): string {
  const p = parts(d);
  return `${p.year}${p.month}${p.day}-${p.hour}${p.minute}${p.second}`;
}

const DIGIT = '〇一二三四五六七八九';

function chineseNumber(n: number): string {
  if (n < 10) return DIGIT[n];
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : DIGIT[tens]}十${n % 10 ? DIGIT[n % 10] : ''}`;
}

/** 2026-12-01 → 二〇二六年十二月一日, as a 公文's date under the signature is written. */
export function chineseDate(ymd: string): string {
  const [y, m, d] = ymd.split('-');
  const year = [...y].map((c) => DIGIT[Number(c)]).join('');
  return `${year}年${chineseNumber(Number(m))}月${chineseNumber(Number(d))}日`;
}

/** 2026-12-01 → 2026年12月1日, for dates in running text. */
export function textDate(ymd: string): string {
  const [y, m, d] = ymd.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
