// Times a person reads are Beijing times whatever the machine's zone.
import { describe, expect, it } from 'vitest';
import { beijingDate, beijingStamp, beijingTime } from '../src/time.ts';

describe('Beijing time', () => {
  it('is a day ahead of UTC before 08:00 UTC+8', () => {
    const early = new Date('2026-11-14T23:30:00Z'); // 07:30 on 15 November in Beijing
    expect(beijingDate(early)).toBe('2026-11-15');
    expect(beijingStamp(early)).toBe('20261115-073000');
    expect(beijingTime('2026-11-14T23:30:00Z')).toBe('2026-11-15 07:30:00');
    expect(beijingTime('not a time')).toBe('not a time');
  });
});
