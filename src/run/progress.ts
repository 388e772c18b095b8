// A one-line progress display on stderr: units done, pages fetched, errors. Redrawn in place on
// a terminal; on a pipe (CI, logs) a plain line every few seconds instead.
export class Progress {
  private units = new Map<string, { fetched: number; failed: number; done: boolean }>();
  private timer?: NodeJS.Timeout;
  private lastLine = 0;

  constructor(
    private readonly total: number,
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly enabled = true,
  ) {}

  start(): void {
    if (!this.enabled) return;
    this.timer = setInterval(() => this.draw(), this.out.isTTY ? 250 : 5000);
    this.timer.unref();
  }

  update(unit: string, fetched: number, failed: number): void {
    const u = this.units.get(unit) ?? { fetched: 0, failed: 0, done: false };
    u.fetched = fetched;
    u.failed = failed;
    this.units.set(unit, u);
  }

  done(unit: string): void {
    const u = this.units.get(unit) ?? { fetched: 0, failed: 0, done: false };
    u.done = true;
    this.units.set(unit, u);
  }

  line(): string {
    let fetched = 0;
    let failed = 0;
    let done = 0;
    for (const u of this.units.values()) {
      fetched += u.fetched;
      failed += u.failed;
      if (u.done) done++;
    }
    return `单位 ${done}/${this.total} · 已抓取 ${fetched} 页 · 失败 ${failed}`;
  }

  private draw(): void {
    if (this.out.isTTY) this.out.write(`\r\x1b[K${this.line()}`);
    else if (Date.now() - this.lastLine > 4000) {
      this.out.write(`${this.line()}\n`);
      this.lastLine = Date.now();
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.enabled) this.out.write(`${this.out.isTTY ? '\r\x1b[K' : ''}${this.line()}\n`);
  }
}
