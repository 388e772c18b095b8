// Politeness: one p-queue per host with its own concurrency and delay, paused when a host
// answers 429/503 with Retry-After.
import PQueue from 'p-queue';

export class HostQueues {
  private queues = new Map<string, PQueue>();

  constructor(
    private readonly concurrency: number,
    private readonly delayMs: number,
  ) {}

  private queue(host: string): PQueue {
    let q = this.queues.get(host);
    if (!q) {
      q = new PQueue(
        this.delayMs > 0
          ? { concurrency: this.concurrency, interval: this.delayMs, intervalCap: this.concurrency }
          : { concurrency: this.concurrency },
      );
      this.queues.set(host, q);
    }
    return q;
  }

  add<T>(host: string, task: () => Promise<T>): Promise<T> {
    return this.queue(host).add(task) as Promise<T>;
  }

  /** Holds every request to the host for `seconds` (Retry-After). */
  pause(host: string, seconds: number): void {
    const q = this.queue(host);
    q.pause();
    setTimeout(() => q.start(), seconds * 1000).unref();
  }

  clear(): void {
    for (const q of this.queues.values()) q.clear();
  }

  async idle(): Promise<void> {
    // Tasks may enqueue more tasks (links found on a page), so wait until all queues stay empty.
    for (;;) {
      const busy = [...this.queues.values()].filter((q) => q.size > 0 || q.pending > 0);
      if (busy.length === 0) return;
      await Promise.all(busy.map((q) => q.onIdle()));
    }
  }
}
