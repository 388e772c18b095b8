// A unit's own waiting line per host: only a few of its tasks at a time sit in the host's shared
// queue (HostQueues), so units on one host take turns and a stop drops the rest at once. (An
// abort signal per queued task did the dropping before: its listeners made each start O(n) and
// cost ~2 s of a 10,000-page crawl.)
import type { HostQueues } from './host-queues.ts';

type Task = () => Promise<unknown>;

interface Line {
  waiting: Task[];
  head: number;
  queued: number;
}

export class UnitLines {
  private readonly lines = new Map<string, Line>();
  private outstanding = 0;
  private wake: (() => void)[] = [];

  /** `owner`: the unit, as HostQueues knows it (its share of each host's turns). */
  constructor(
    private readonly queues: HostQueues,
    private readonly owner: object,
    private readonly lookahead: number,
  ) {}

  /** Queues a task in the host's turn. */
  add(host: string, task: Task): void {
    if (!this.lines.has(host)) this.lines.set(host, { waiting: [], head: 0, queued: 0 });
    this.lines.get(host)!.waiting.push(task);
    this.outstanding++;
    this.pump(host);
  }

  /** Drops every task still waiting in the unit's lines (those in the host's queue run). */
  drop(): void {
    for (const line of this.lines.values()) {
      const n = line.waiting.length - line.head;
      line.waiting = [];
      line.head = 0;
      for (let i = 0; i < n; i++) this.finished();
    }
  }

  /** Resolves once every task added has run or been dropped. */
  settled(): Promise<void> {
    return this.outstanding === 0
      ? Promise.resolve()
      : new Promise<void>((done) => this.wake.push(done));
  }

  private finished(): void {
    if (--this.outstanding === 0) for (const w of this.wake.splice(0)) w();
  }

  private pump(host: string): void {
    const line = this.lines.get(host)!;
    while (line.queued < this.lookahead && line.head < line.waiting.length) {
      const task = line.waiting[line.head++];
      line.queued++;
      void this.queues
        .add(host, task, undefined, this.owner)
        .catch(() => undefined)
        .finally(() => {
          line.queued--;
          this.finished();
          this.pump(host);
        });
    }
    // The line's done head is cut off now and then, not at every task (an O(n) copy).
    if (line.head > 1024 && line.head * 2 > line.waiting.length) {
      line.waiting = line.waiting.slice(line.head);
      line.head = 0;
    }
  }
}
