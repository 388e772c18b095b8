// The report server's monitoring (19号 SV-DOWN: 每天间隔性访问20次以上, 15 秒): each unit's
// homepage visited `visitsPerDay` times a day at spread-out times, each visit kept in the store.
// A unit's visits start at its own offset in the interval (from its id), so a city's units are
// not visited all at once; the visits go through the run's politeness like every request.
import type { MonitorSample } from '../contract/probes.ts';
import type { HttpClient } from '../net/http.ts';

export interface MonitorOptions {
  visitsPerDay: number;
  timeoutSec: number;
}

/** One visit: opened within the time limit with a status below 400, or why not. */
export async function visit(
  client: HttpClient,
  url: string,
  timeoutSec: number,
  userAgent: string,
  now = () => new Date(),
): Promise<MonitorSample> {
  const at = now().toISOString();
  const o = await client.fetch(url, {
    timeoutMs: timeoutSec * 1000,
    maxRedirects: 5,
    userAgent,
  });
  const ok = !o.errorClass && o.status !== null && o.status < 400;
  return {
    at,
    ok,
    status: o.status,
    ...(ok ? {} : { error: o.error ?? `HTTP ${o.status}` }),
    elapsedMs: o.elapsedMs,
  };
}

/** Where in the interval a unit's visits fall: a fixed offset from its id. */
export function offsetOf(unitId: string, intervalMs: number): number {
  let h = 0;
  for (const c of unitId) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h % intervalMs;
}

/**
 * Visits every unit on its schedule until stopped. `sample` does one visit and keeps it; a visit
 * still running when the next is due is not doubled.
 */
export function startMonitor(
  units: { id: string; site: string }[],
  options: MonitorOptions,
  sample: (unit: { id: string; site: string }) => Promise<void>,
  now = () => Date.now(),
): { stop: () => void } {
  const interval = Math.floor(86_400_000 / options.visitsPerDay);
  const timers = new Map<string, NodeJS.Timeout>();
  let stopped = false;
  for (const unit of units) {
    let busy = false;
    const arm = () => {
      if (stopped) return;
      const offset = offsetOf(unit.id, interval);
      const t = now();
      const next = Math.floor((t - offset) / interval + 1) * interval + offset;
      const timer = setTimeout(async () => {
        if (!busy) {
          busy = true;
          await sample(unit).catch(() => undefined);
          busy = false;
        }
        arm();
      }, next - t);
      timer.unref?.();
      timers.set(unit.id, timer);
    };
    arm();
  }
  return {
    stop: () => {
      stopped = true;
      for (const t of timers.values()) clearTimeout(t);
    },
  };
}
