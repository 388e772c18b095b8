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

let official: WorkCalendar | undefined;

/** The vendored official calendar, read once per process and shared by every check. */
export function officialCalendar(): WorkCalendar {
  return (official ??= WorkCalendar.official());
}
