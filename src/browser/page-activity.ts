// What a rendered page still has in hand after its load event: timers about to fire, requests
// and response bodies being read, scripts, stylesheets and frames it made and inserted. Counted
// inside the page from its first script on (an init script), so the renderer waits exactly as
// long as the page is still building itself, instead of a fixed quiet window after the last
// request: that window cost every page ~70 ms and still missed a list drawn 150 ms after load.
// No library exposes a page's pending timers; Playwright's 'networkidle' waits a fixed 500 ms.

// Read through symbols, so the page's own scripts do not come across them. Where the init script
// did not run (about:blank), nothing is pending.

/** The page's count of pending work. */
export const READ_PENDING = `(globalThis[Symbol.for('zwgk.pending')] || (() => 0))()`;

/** An expression that waits in the page until nothing is pending or `capMs` passed: the ms waited. */
export const whenIdle = (capMs: number): string =>
  `(globalThis[Symbol.for('zwgk.idle')] || (() => Promise.resolve(0)))(${Math.max(0, capMs)})`;

/**
 * Runs in the page before any of its scripts (context.addInitScript), so plain browser
 * JavaScript. Timers due within `horizonMs` count (a list drawn after a short delay); a longer
 * one is a carousel, a clock or a pop-up. A timer set from inside a counted timer counts up to
 * `maxDepth` deep, so a marquee that reschedules itself forever is not waited for.
 */
export function trackActivityInPage(horizonMs: number, maxDepth: number): void {
  const w = window as unknown as Record<string | symbol, unknown> & Window;
  const key = Symbol.for('zwgk.pending');
  if (w[key]) return;
  let pending = 0;
  let depth = 0;
  const setT = window.setTimeout.bind(window);
  const clearT = window.clearTimeout.bind(window);
  const setI = window.setInterval.bind(window);
  const clearI = window.clearInterval.bind(window);
  // After the task that settled a request, so the page's own handlers for it have run.
  const later = () => void setT(() => pending--, 0);
  const counted = new Set<number>();
  const release = (id: number) => counted.delete(id) && pending--;
  /** The handler as a function that runs at the depth given (a string is run as code). */
  const wrap = (handler: unknown, args: unknown[], at: () => number, after: () => void) =>
    function (this: unknown) {
      const outer = depth;
      depth = at();
      try {
        if (typeof handler === 'function') handler.apply(this, args);
        else (0, eval)(String(handler)); // a string handler is code to run globally, as the page meant
      } finally {
        depth = outer;
        after();
      }
    };
  const schedule = (repeat: boolean) =>
    function (handler: unknown, ms?: unknown, ...args: unknown[]): number {
      const set = repeat ? setI : setT;
      const d = depth;
      if ((Number(ms) || 0) > horizonMs) return set(handler as TimerHandler, ms as number, ...args);
      // Too deep to count, but still run at its depth: run bare, it would start at depth 0 and
      // the marquee's next timers would be counted again, so the page was never idle for long.
      if (d >= maxDepth)
        return set(
          wrap(
            handler,
            args,
            () => d + 1,
            () => undefined,
          ),
          ms as number,
        );
      // An interval counts until its first tick: the later ones are a clock or a marquee, and
      // what they set is not waited for either (they run too deep to count).
      let ticks = 0;
      const at = () => (repeat && ticks++ > 0 ? maxDepth : d + 1);
      const id: number = set(
        wrap(handler, args, at, () => release(id)),
        ms as number,
      );
      counted.add(id);
      pending++;
      return id;
    };
  w.setTimeout = schedule(false) as typeof setTimeout;
  w.setInterval = schedule(true) as typeof setInterval;
  w.clearTimeout = ((id?: number) => {
    if (id !== undefined) release(id);
    clearT(id);
  }) as typeof clearTimeout;
  w.clearInterval = ((id?: number) => {
    if (id !== undefined) release(id);
    clearI(id);
  }) as typeof clearInterval;

  /** A promise the page waits on: counted from the call until the task after it settles. */
  const track = <T>(p: Promise<T>): Promise<T> => {
    pending++;
    p.then(later, later);
    return p;
  };
  const fetch0 = window.fetch;
  if (fetch0)
    w.fetch = ((...a: Parameters<typeof fetch>) => track(fetch0.apply(window, a))) as typeof fetch;
  const body = Response.prototype as unknown as Record<
    string,
    (...a: unknown[]) => Promise<unknown>
  >;
  for (const name of ['json', 'text', 'arrayBuffer', 'blob', 'formData']) {
    const read = body[name];
    if (read)
      body[name] = function (this: unknown, ...a: unknown[]) {
        return track(read.apply(this, a));
      };
  }
  const xhr = XMLHttpRequest.prototype;
  const open = xhr.open as (this: XMLHttpRequest, ...a: unknown[]) => void;
  const send = xhr.send;
  const sync = new WeakSet<XMLHttpRequest>();
  xhr.open = function (this: XMLHttpRequest, ...a: unknown[]) {
    if (a[2] === false) sync.add(this);
    else sync.delete(this);
    return open.apply(this, a);
  } as typeof xhr.open;
  xhr.send = function (this: XMLHttpRequest, ...a: [(Document | XMLHttpRequestBodyInit | null)?]) {
    if (!sync.has(this)) {
      pending++;
      this.addEventListener('loadend', later, { once: true });
    }
    return send.apply(this, a);
  };
  // A script, stylesheet or frame the page made (createElement) and inserted loads and then fires
  // load or error. One written as markup (innerHTML) never runs, so it is never counted.
  const made = new WeakSet<Node>();
  const create = Document.prototype.createElement;
  Document.prototype.createElement = function (this: Document, ...a: [string, unknown?]) {
    const el = create.apply(this, a as [string]);
    if (/^(script|link|iframe)$/i.test(a[0])) made.add(el);
    return el;
  } as typeof create;
  const loads = (el: Element) =>
    el instanceof HTMLScriptElement
      ? /^https?:/i.test(el.src)
      : el instanceof HTMLLinkElement
        ? /stylesheet/i.test(el.rel) && /^https?:/i.test(el.href)
        : el instanceof HTMLIFrameElement && /^https?:/i.test(el.src);
  new MutationObserver((records) => {
    for (const r of records)
      for (const el of Array.from(r.addedNodes)) {
        if (!made.has(el) || !loads(el as Element)) continue;
        made.delete(el); // counted once, however often it is moved
        pending++;
        el.addEventListener('load', later, { once: true });
        el.addEventListener('error', later, { once: true });
      }
  }).observe(document, { childList: true, subtree: true });
  Object.defineProperty(w, key, { value: () => Math.max(0, pending) });
  // Polled with the page's own timer, which is not counted: waiting must not be pending work.
  const idle = (capMs: number) =>
    new Promise<number>((resolve) => {
      const t0 = performance.now();
      const poll = () => {
        const waited = performance.now() - t0;
        if (pending <= 0 || waited >= capMs) resolve(waited);
        else setT(poll, 10);
      };
      poll();
    });
  Object.defineProperty(w, Symbol.for('zwgk.idle'), { value: idle });
}
