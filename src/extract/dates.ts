// Dates as government pages write them: 2022-11-01, 2022/11/1, 2022.11.01, 2022年11月1日,
// and the TRS-style URL stamp t20221009_123.htm. Everything becomes ISO YYYY-MM-DD.

const DATE_RE =
  /((?:19|20)\d{2})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?!\d)\s*日?/g;

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export function isoDate(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > DAYS[m - 1] + (m === 2 && leap(y) ? 1 : 0)) return undefined;
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Every well-formed date in a text, in order of appearance. */
export function findDates(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(DATE_RE)) {
    const iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (iso) out.push(iso);
  }
  return out;
}

export function firstDate(text: string | undefined | null): string | undefined {
  if (!text) return undefined;
  // As findDates(text)[0], without reading past the first: it runs on every list item's text.
  for (const m of text.matchAll(DATE_RE)) {
    const iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (iso) return iso;
  }
  return undefined;
}

/** The date stamp TRS-family CMSs put in article URLs: …/t20221009_1234.htm. */
export function dateFromUrl(url: string): string | undefined {
  const m = url.match(/\/t((?:19|20)\d{2})(\d{2})(\d{2})_\d+/);
  return m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

/** Whole days from a to b (ISO dates). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}
