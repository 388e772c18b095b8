// The assessment's schedule: a cron expression (Asia/Shanghai) from the units file. A start
// missed while the server was down happens at the next start-up; the first start-up only
// records where the schedule stands.
import { CronExpressionParser } from 'cron-parser';
import type { ServerStore } from './server-store.ts';

const NAME = 'assessment';
const TZ = 'Asia/Shanghai';

export function nextFire(expr: string, from = new Date()): Date {
  return CronExpressionParser.parse(expr, { currentDate: from, tz: TZ }).next().toDate();
}

export function startSchedule(
  expr: string,
  store: ServerStore,
  fire: (reason: string) => void,
  now = () => new Date(),
): { next: () => Date; stop: () => void } {
  const due = CronExpressionParser.parse(expr, { currentDate: now(), tz: TZ }).prev().toDate();
  const last = store.lastFired(NAME);
  if (!last) store.setFired(NAME, due.toISOString());
  else if (last < due.toISOString()) {
    store.setFired(NAME, due.toISOString());
    store.log('schedule', '补做错过的定时测评', `应于 ${due.toISOString()} 开始`);
    fire('missed');
  }
  let timer: NodeJS.Timeout;
  const arm = () => {
    const at = nextFire(expr, now());
    // setTimeout cannot wait longer than ~24.8 days: wake up daily and look again.
    timer = setTimeout(
      () => {
        if (now() >= at) {
          store.setFired(NAME, at.toISOString());
          store.log('schedule', '定时测评开始', at.toISOString());
          fire('schedule');
        }
        arm();
      },
      Math.min(Math.max(0, at.getTime() - now().getTime()), 86_400_000),
    );
    timer.unref();
  };
  arm();
  return { next: () => nextFire(expr, now()), stop: () => clearTimeout(timer) };
}
