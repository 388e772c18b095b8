// The assessment's schedule and the runner's one-audit-per-unit rule, with a real store.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Store } from '../../src/store/db.ts';
import { nextFire, startSchedule } from '../../src/serve/schedule.ts';
import { ServerStore } from '../../src/serve/server-store.ts';
import { startServerFixture } from './fixture.ts';

const EXPR = '0 1 15 11 *'; // 15 November, 01:00 Beijing time
const store = () => {
  const file = join(mkdtempSync(join(tmpdir(), 'zwgk-sched-')), 'db');
  new Store(file).close();
  return new ServerStore(file);
};

describe('schedule', () => {
  it('computes the next start in Beijing time', () => {
    expect(nextFire(EXPR, new Date('2026-11-27T00:00:00Z')).toISOString()).toBe(
      '2027-11-14T17:00:00.000Z',
    );
  });

  it('the first start-up only records where the schedule stands; a start missed while down runs at the next start-up, once', () => {
    const s = store();
    const fired: string[] = [];
    let now = new Date('2026-10-01T00:00:00Z');
    startSchedule(
      EXPR,
      s,
      (r) => fired.push(r),
      () => now,
    ).stop();
    expect(fired).toEqual([]);
    now = new Date('2026-11-20T00:00:00Z'); // the server was down on 15 November
    startSchedule(
      EXPR,
      s,
      (r) => fired.push(r),
      () => now,
    ).stop();
    expect(fired).toEqual(['missed']);
    startSchedule(
      EXPR,
      s,
      (r) => fired.push(r),
      () => now,
    ).stop();
    expect(fired).toEqual(['missed']);
    expect(s.auditLog().map((l) => l.action)).toEqual(['补做错过的定时测评']);
  });

  it('fires when its time comes, and not before', async () => {
    // Fake timers: the schedule's own timer is driven step by step, no real time window.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const s = store();
      const fired: string[] = [];
      const at = nextFire(EXPR, new Date('2026-11-01T00:00:00Z'));
      vi.setSystemTime(at.getTime() - 60_000);
      const sch = startSchedule(EXPR, s, (r) => fired.push(r));
      await vi.advanceTimersByTimeAsync(59_000);
      expect(fired).toEqual([]);
      await vi.advanceTimersByTimeAsync(2_000);
      sch.stop();
      expect(fired).toEqual(['schedule']);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('runner', () => {
  it('never queues a unit that is already being audited', async () => {
    const fx = await startServerFixture();
    try {
      const first = fx.runner.start(['jia'], 'a');
      const second = fx.runner.start(['jia', 'yi'], 'b');
      expect(first).toEqual(['jia']);
      expect(second).toEqual(['yi']);
      expect(fx.runner.isBusy('jia')).toBe(true);
      await fx.runner.idle();
      expect(fx.runner.isBusy('jia')).toBe(false);
      expect(fx.store.runs(10).filter((r) => r.status === 'complete')).toHaveLength(3);
    } finally {
      await fx.close();
    }
  });
});
