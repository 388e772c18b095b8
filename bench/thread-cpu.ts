// CPU used by this process's threads while a function runs, by kind: this thread, the threads
// started meanwhile (the extraction workers), and the threads it had already (V8's helpers,
// which collect garbage and compile for every thread, and libuv's pool). A CPU profile sees
// only the JavaScript of one thread; on real pages V8's helpers used a third of the audit's
// CPU. Linux only: node reports no thread's CPU but the process's, so /proc is read.
import { readdirSync, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';

const TICK_MS = 10; // USER_HZ is 100 on Linux
const EVERY_MS = 250;

export interface ThreadCpu {
  /** All threads, those that ended too. */
  totalMs: number;
  mainMs: number;
  /** Threads started while the function ran (sampled: one that lived < 250 ms is missed). */
  startedMs: number;
  /** The others: V8's helper threads and libuv's pool. */
  helpersMs: number;
}

const cpuMs = (tid: string) => {
  try {
    const s = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(') ') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * TICK_MS;
  } catch {
    return undefined; // ended meanwhile: its last sample stands
  }
};

const tids = () => {
  try {
    return readdirSync('/proc/self/task');
  } catch {
    return [];
  }
};

export async function withThreadCpu<T>(fn: () => Promise<T>): Promise<[T, ThreadCpu?]> {
  if (process.platform !== 'linux') return [await fn()];
  await stat('.'); // starts libuv's pool now, so that it counts with the helpers
  const before = new Map(tids().map((t) => [t, cpuMs(t) ?? 0]));
  const last = new Map<string, number>();
  const sample = () => {
    for (const t of tids()) {
      const ms = cpuMs(t);
      if (ms !== undefined) last.set(t, ms);
    }
  };
  const timer = setInterval(sample, EVERY_MS);
  const c0 = process.cpuUsage();
  try {
    const value = await fn();
    sample();
    const c = process.cpuUsage(c0);
    const main = String(process.pid);
    let mainMs = 0;
    let startedMs = 0;
    for (const [t, ms] of last) {
      const used = ms - (before.get(t) ?? 0);
      if (t === main) mainMs = used;
      else if (!before.has(t)) startedMs += used;
    }
    const totalMs = Math.round((c.user + c.system) / 1000);
    return [value, { totalMs, mainMs, startedMs, helpersMs: totalMs - mainMs - startedMs }];
  } finally {
    clearInterval(timer);
  }
}
