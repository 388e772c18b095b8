// The homepage, asked several times with the availability time limit (site-availability): the
// attempts spread over `spreadMs`, so a server restarting for a moment is read on a later one.
// A 404 or 403 will not change on retry; a 5xx, a timeout or a refused connection may.
import type { Attempt } from '../contract/page.ts';
import type { FetchOutcome, HttpClient } from '../net/http.ts';

/** Waits `ms` (nothing if not positive), or until the run is interrupted. */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((done) => {
    const t = setTimeout(finish, ms);
    function finish() {
      clearTimeout(t);
      signal?.removeEventListener('abort', finish);
      done();
    }
    signal?.addEventListener('abort', finish, { once: true });
  });
}

export async function homepageAttempts(i: {
  site: string;
  attempts: number;
  timeoutSec: number;
  spreadMs: number;
  maxRedirects: number;
  /** In the host's turn like every request (HostQueues.politeClient). */
  client: HttpClient;
  userAgent: string;
  signal?: AbortSignal;
}): Promise<{ attempts: Attempt[]; last: FetchOutcome }> {
  const attempts: Attempt[] = [];
  let last: FetchOutcome | undefined;
  const started = Date.now();
  const step = i.spreadMs / Math.max(1, i.attempts - 1);
  for (let n = 0; n < i.attempts; n++) {
    // Attempt n starts no earlier than n steps after the first: the tries span the spread.
    if (n > 0) {
      await pause(started + n * step - Date.now(), i.signal);
      if (i.signal?.aborted) break; // the last attempt stands
    }
    const o = await i.client.fetch(i.site, {
      timeoutMs: i.timeoutSec * 1000,
      maxRedirects: i.maxRedirects,
      userAgent: i.userAgent,
    });
    attempts.push({
      at: new Date().toISOString(),
      status: o.status,
      errorClass: o.errorClass,
      error: o.error,
      elapsedMs: o.elapsedMs,
    });
    last = o;
    if (!o.errorClass && o.status !== null && o.status < 400) break;
    if (o.status !== null && o.status < 500 && o.status !== 429) break;
  }
  return { attempts, last: last! };
}
