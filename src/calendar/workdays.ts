// Chinese working days: weekends, the State Council's holidays and its 调休 make-up workdays.
// Data: NateScarlet/holiday-cn (MIT), one JSON per year in ./holidays, vendored so a run never
// fetches it. A date whose year the data does not cover gives `undefined` (无法判定), never a
// weekday guess: the 2027 notice, for one, is not out (2027.json is empty).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDays } from '../extract/dates.ts';

interface YearFile {
  year: number;
  days: { name: string; date: string; isOffDay: boolean }[];
}

export class WorkCalendar {
  private readonly special = new Map<string, { off: boolean; name: string }>();
  private readonly years = new Set<number>();

  constructor(files: YearFile[]) {
    for (const f of files) {
      if (f.days.length === 0) continue; // the notice for that year is not published yet
      this.years.add(f.year);
      for (const d of f.days) this.special.set(d.date, { off: d.isOffDay, name: d.name });
    }
  }

  static official(dir = join(dirname(fileURLToPath(import.meta.url)), 'holidays')): WorkCalendar {
    return new WorkCalendar(
      readdirSync(dir)
        .filter((f) => /^\d{4}\.json$/.test(f))
        .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as YearFile),
    );
  }

  /** Whether the data covers this date. Late December also needs next year's notice (元旦 调休). */
  covers(date: string): boolean {
    const y = Number(date.slice(0, 4));
    return this.years.has(y) && (date.slice(5) < '12-20' || this.years.has(y + 1));
  }

  /** The years the data covers, e.g. "2007–2026". */
  coverage(): string {
    const ys = [...this.years].sort();
    return `${ys[0]}–${ys.at(-1)}`;
  }

  isWorkday(date: string): boolean | undefined {
    if (!this.covers(date)) return undefined;
    const s = this.special.get(date);
    if (s) return !s.off;
    const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
    return dow !== 0 && dow !== 6;
  }

  /**
   * Working days strictly after `from` up to and including `to` (day 0 is `from`, as the 期间
   * rule counts). Negative when `to` is before `from`; undefined when a day is not covered.
   */
  workdaysBetween(from: string, to: string): number | undefined {
    if (to < from) {
      const n = this.workdaysBetween(to, from);
      return n === undefined ? undefined : -n;
    }
    let n = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) {
      const w = this.isWorkday(d);
      if (w === undefined) return undefined;
      if (w) n++;
    }
    return n;
  }
}

/**
 * Working days in a span that reaches years the data does not cover, as bounds that hold under
 * any holiday arrangement: there, a weekday may be a holiday and a weekend day a 调休 workday.
 * A year has at most 27 weekdays off (元旦 3, 春节 5, 清明 3, 劳动节 5, 端午 3, 中秋 3, 国庆 5)
 * and fewer than 10 make-up workdays; 30 and 10 leave a margin.
 */
const MAX_WEEKDAYS_OFF_PER_YEAR = 30;
const MAX_MAKEUP_DAYS_PER_YEAR = 10;

export interface WorkdayBounds {
  min: number;
  max: number;
  /** True when every day was on the official calendar (min = max, the exact count). */
  exact: boolean;
}

export function workdayBounds(calendar: WorkCalendar, from: string, to: string): WorkdayBounds {
  if (to < from) {
    const b = workdayBounds(calendar, to, from);
    return { min: -b.max, max: -b.min, exact: b.exact };
  }
  let exact = 0;
  const weekdays = new Map<number, number>();
  const weekends = new Map<number, number>();
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) {
    const w = calendar.isWorkday(d);
    if (w !== undefined) {
      if (w) exact++;
      continue;
    }
    const y = Number(d.slice(0, 4));
    const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
    const into = dow === 0 || dow === 6 ? weekends : weekdays;
    into.set(y, (into.get(y) ?? 0) + 1);
  }
  let min = exact;
  let max = exact;
  for (const [, n] of weekdays) {
    min += Math.max(0, n - MAX_WEEKDAYS_OFF_PER_YEAR);
    max += n;
  }
  for (const [, n] of weekends) max += Math.min(n, MAX_MAKEUP_DAYS_PER_YEAR);
  return { min, max, exact: weekdays.size === 0 && weekends.size === 0 };
}

/**
 * Whether more than `limit` working days lie between two dates: true or false when that holds
 * under any holiday arrangement, undefined only for a borderline span in an uncovered year.
 */
export function exceedsWorkdays(calendar: WorkCalendar, from: string, to: string, limit: number) {
  const b = workdayBounds(calendar, from, to);
  if (b.min > limit) return { over: true, days: b.min, exact: b.exact };
  if (b.max <= limit) return { over: false, days: b.max, exact: b.exact };
  return undefined;
}

let official: WorkCalendar | undefined;

/** The vendored official calendar, read once per process and shared by every check. */
export function officialCalendar(): WorkCalendar {
  return (official ??= WorkCalendar.official());
}
