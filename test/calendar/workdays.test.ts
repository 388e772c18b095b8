import { describe, expect, it } from 'vitest';
import { exceedsWorkdays, WorkCalendar, workdayBounds } from '../../src/calendar/workdays.ts';

const cal = WorkCalendar.official();

describe('WorkCalendar', () => {
  it('knows the 2022 National Day holiday and its 调休 Saturdays', () => {
    expect(cal.isWorkday('2022-10-03')).toBe(false);
    expect(cal.isWorkday('2022-10-08')).toBe(true);
    expect(cal.isWorkday('2022-10-09')).toBe(true);
    expect(cal.isWorkday('2022-10-15')).toBe(false);
  });

  it('counts a document of 2022-09-29 and its 解读 of 2022-10-09 as 3 working days apart: on time', () => {
    // 09-30 (Fri), then 10-01..07 off, then 10-08 and 10-09 worked.
    expect(cal.workdaysBetween('2022-09-29', '2022-10-09')).toBe(3);
    expect(cal.workdaysBetween('2022-09-29', '2022-10-10')).toBe(4);
    expect(cal.workdaysBetween('2022-10-09', '2022-09-29')).toBe(-3);
  });

  it('says it cannot tell for a year the official calendar lacks, never guessing by weekdays', () => {
    expect(cal.isWorkday('2027-01-04')).toBeUndefined();
    expect(cal.workdaysBetween('2026-12-28', '2027-01-05')).toBeUndefined();
    expect(cal.isWorkday('2026-12-24')).toBeUndefined(); // late December waits for next year's notice
    expect(cal.isWorkday('2026-10-10')).toBe(true); // 2026 National Day 调休
  });

  it('covers the year of the assessment the product runs in; fails once the data falls behind', () => {
    // Fails in a year whose holiday notice the vendored data does not hold: update src/calendar/holidays.
    const thisYear = new Date().getFullYear();
    expect(cal.covers(`${thisYear}-06-01`)).toBe(true);
  });

  it('decides a gap outside the calendar when any holiday arrangement gives the same answer', () => {
    // Signed in 1996, published in 2018: over 20 working days whatever the holidays were.
    const old = exceedsWorkdays(cal, '1996-03-01', '2018-05-10', 20);
    expect(old).toMatchObject({ over: true, exact: false });
    expect(old!.days).toBeGreaterThan(5000);
    // Two working days in 2005 are within 20 under any arrangement.
    expect(exceedsWorkdays(cal, '2005-06-06', '2005-06-08', 20)).toMatchObject({ over: false });
    // A borderline month in 2005 cannot be decided without that year's notice.
    expect(exceedsWorkdays(cal, '2005-09-20', '2005-10-25', 20)).toBeUndefined();
    // Inside the calendar the count is exact.
    expect(exceedsWorkdays(cal, '2022-09-29', '2022-10-10', 3)).toEqual({
      over: true,
      days: 4,
      exact: true,
    });
    expect(workdayBounds(cal, '2022-10-10', '2022-09-29')).toEqual({
      min: -4,
      max: -4,
      exact: true,
    });
  });
});
