// The monitoring window before an assessment date (19号 SV-DOWN: 监测1周), summarised for the
// site-availability check: how many visits, how many failed, the worst hours (Beijing time).
import type { MonitorSample, MonitorWindow } from '../contract/probes.ts';
import { addDays } from '../extract/dates.ts';

/** The window's bounds: the `days` days before the assessment date, and the date itself. */
export function windowOf(asOf: string, days: number): { from: string; to: string } {
  return {
    from: `${addDays(asOf, -days)}T16:00:00.000Z`, // 00:00 Beijing time of the first day
    to: `${asOf}T16:00:00.000Z`, // the end of the assessment date, Beijing time
  };
}

const beijingHour = (iso: string) => (new Date(iso).getUTCHours() + 8) % 24;
const beijingDay = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);

export function summarise(samples: MonitorSample[], from: string, to: string): MonitorWindow {
  const failed = samples.filter((s) => !s.ok);
  const byHour = new Map<number, { hour: number; failed: number; samples: number }>();
  for (const s of samples) {
    const h = beijingHour(s.at);
    const e = byHour.get(h) ?? { hour: h, failed: 0, samples: 0 };
    e.samples++;
    if (!s.ok) e.failed++;
    byHour.set(h, e);
  }
  return {
    from,
    to,
    samples: samples.length,
    failed: failed.length,
    days: new Set(samples.map((s) => beijingDay(s.at))).size,
    worstHours: [...byHour.values()]
      .filter((h) => h.failed > 0)
      .sort((a, b) => b.failed - a.failed || a.hour - b.hour)
      .slice(0, 3),
    examples: failed.slice(0, 5),
  };
}

/** 19号 SV-DOWN over a window: a veto at the failure share `vetoShare` (含), a 预警 from `warnShare`. */
export function availabilityLevel(
  m: MonitorWindow,
  a: { minSamples: number; vetoShare: number; warnShare: number },
): 'veto' | 'warning' | undefined {
  if (m.samples < a.minSamples) return undefined;
  const share = m.failed / m.samples;
  return share >= a.vetoShare ? 'veto' : share >= a.warnShare ? 'warning' : undefined;
}
