// A unit's time budget, charged at the unit's share of the hosts it waits on: alone on its host
// that is the wall time; among 22 units on one portal, waiting behind the others' requests is
// not charged to it.
import type { HostQueues } from './host-queues.ts';

/** Calls `over` once the unit has used `limitMs`; returns the function that stops the clock. */
export function startTimeBudget(
  queues: HostQueues,
  owner: object,
  limitMs: number,
  over: () => void,
): () => void {
  let used = 0;
  let last = Date.now();
  const clock = setInterval(() => {
    const now = Date.now();
    used += (now - last) * queues.share(owner);
    last = now;
    if (used >= limitMs) over();
  }, 250);
  clock.unref();
  return () => clearInterval(clock);
}
