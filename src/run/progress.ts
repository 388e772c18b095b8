// The progress of a run on stderr: units done of all (a bar on a terminal), the units being
// crawled with their pages, failed pages, and the time left estimated from the units done.
// Redrawn in place on a terminal; on a pipe (CI, logs) a plain line every few seconds; one
// summary at the end.
export class Progress {
  private units = new Map<
    string,
    { fetched: number; failed: number; done: boolean; started: number }
  >();
  private timer?: NodeJS.Timeout;
  private lastLine = 0;
  private readonly started: number;

  constructor(
    private readonly total: number,
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly enabled = true,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  start(): void {
    if (!this.enabled) return;
    this.timer = setInterval(() => this.draw(), this.out.isTTY ? 250 : 5000);
    this.timer.unref();
  }

  private unit(id: string) {
    let u = this.units.get(id);
    if (!u) this.units.set(id, (u = { fetched: 0, failed: 0, done: false, started: this.now() }));
    return u;
  }

  update(unit: string, fetched: number, failed: number): void {
    const u = this.unit(unit);
    u.fetched = fetched;
    u.failed = failed;
  }

  done(unit: string): void {
    this.unit(unit).done = true;
  }

  line(): string {
    const all = [...this.units.entries()];
    const done = all.filter(([, u]) => u.done).length;
    const failed = all.reduce((n, [, u]) => n + u.failed, 0);
    const running = all.filter(([, u]) => !u.done);
    const width = 20;
    const filled = Math.round((done / Math.max(1, this.total)) * width);
    const bar = this.out.isTTY ? `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ` : '';
    const parts = [`${bar}单位 ${done}/${this.total}`];
    if (running.length)
      parts.push(`进行中：${running.map(([id, u]) => `${id} ${u.fetched} 页`).join('、')}`);
    if (failed) parts.push(`失败页面 ${failed}`);
    const left = this.timeLeft(done, running.length);
    if (left) parts.push(`预计还需 ${left}`);
    return parts.join(' · ');
  }

  /** From the pace so far: the units left, as many at a time as are running now. */
  private timeLeft(done: number, running: number): string | undefined {
    if (done === 0 || done >= this.total) return undefined;
    const perUnit = (this.now() - this.started) / done;
    const ms = (perUnit * (this.total - done)) / Math.max(1, running);
    const min = Math.floor(ms / 60_000);
    const sec = Math.round((ms % 60_000) / 1000);
    return min ? `${min} 分 ${sec} 秒` : `${sec} 秒`;
  }

  summary(): string {
    const all = [...this.units.values()];
    const fetched = all.reduce((n, u) => n + u.fetched, 0);
    const failed = all.reduce((n, u) => n + u.failed, 0);
    const s = Math.round((this.now() - this.started) / 1000);
    const took = s >= 60 ? `${Math.floor(s / 60)} 分 ${s % 60} 秒` : `${s} 秒`;
    const finished = all.filter((u) => u.done).length;
    return (
      `完成：单位 ${finished}/${this.total} · 共抓取 ${fetched} 页${failed ? ` · 失败页面 ${failed}` : ''} · 用时 ` +
      `${took}`
    );
  }

  private draw(): void {
    if (this.out.isTTY) this.out.write(`\r\x1b[K${this.line()}`);
    else if (this.now() - this.lastLine > 4000) {
      this.out.write(`${this.line()}\n`);
      this.lastLine = this.now();
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.enabled) this.out.write(`${this.out.isTTY ? '\r\x1b[K' : ''}${this.summary()}\n`);
  }
}
