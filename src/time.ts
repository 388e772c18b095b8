// Everything a person reads is in Beijing time (Asia/Shanghai), whatever the machine's zone: run
// ids, report footers, the default assessment date.
const TZ = 'Asia/Shanghai';

function parts(d: Date): Record<string, string> {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone: TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return Object.fromEntries(f.formatToParts(d).map((p) => [p.type, p.value]));
}

/** Today's date in Beijing, YYYY-MM-DD. */
export function beijingDate(d = new Date()): string {
  const p = parts(d);
  return `${p.year}-${p.month}-${p.day}`;
}

/** 2026-12-01 08:30:05 (北京时间). */
export function beijingTime(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return String(iso); // not a time: shown as it was stored
  const p = parts(d);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** A compact stamp for run ids: 20261201-083005. */
export function beijingStamp(d = new Date()): string {
  const p = parts(d);
  return `${p.year}${p.month}${p.day}-${p.hour}${p.minute}${p.second}`;
}
