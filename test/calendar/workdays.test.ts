import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../src/calendar/workdays.ts';

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
});
