// After a monitoring visit in the server: when the unit's window (the last `monitorDays` days up
// to now) has crossed the 预警 or the veto line of 19号 SV-DOWN, the office and the unit hear it
// then, not at the next audit. Once per unit, level and month: a site that stays down is not
// announced at every visit.
import type { LoadedConfig } from '../config/load.ts';
import type { Finding } from '../contract/run.ts';
import { availabilityLevel, summarise, windowOf } from '../monitor/window.ts';
import type { Store } from '../store/db.ts';
import { alertText, type Alert } from './alerts.ts';
import { deliver } from './send.ts';

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

/** The monitoring alert for a unit now, if its window is past a line. */
export function monitorAlert(
  store: Store,
  config: LoadedConfig,
  unitId: string,
  now: Date,
): Alert | undefined {
  const unit = config.units.units.find((u) => u.id === unitId);
  if (!unit) return undefined;
  const a = config.profile.availability;
  const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const { from, to } = windowOf(today, a.monitorDays);
  const m = summarise(store.samples(unitId, from, to), from, to);
  const level = availabilityLevel(m, a);
  if (!level) return undefined;
  const finding: Finding = {
    check: 'site-availability',
    severity: level,
    url: unit.site,
    message:
      `近 ${m.days} 天监测访问首页 ${m.samples} 次，${m.failed} 次失败（${pct(m.failed / m.samples)}），` +
      `${level === 'veto' ? '已达到' : '接近'} ${pct(a.vetoShare)} 的单项否决线。`,
    evidence: m.worstHours.map((h) => `${h.hour}时 ${h.failed}/${h.samples} 次`).join('、'),
    advice: '检查服务器、域名解析与网络线路，确保首页在15秒内稳定打开。',
    basis: '国办秘函〔2019〕19号 单项否决「站点无法访问」',
    fingerprint: `monitor:${level}:${today.slice(0, 7)}`,
    ...(level === 'warning' ? { early: true as const } : {}),
  };
  return { unitId, unitName: unit.name, kind: level === 'veto' ? '单项否决' : '预警', finding };
}

/** Sends the unit's monitoring alert if there is a new one; true when one went out. */
export async function notifyMonitor(
  store: Store,
  config: LoadedConfig,
  unitId: string,
  now = new Date(),
  log: (line: string) => void = () => undefined,
): Promise<boolean> {
  const n = config.units.notify;
  if (!n || (!n.webhook && !n.smtp)) return false;
  const alert = monitorAlert(store, config, unitId, now);
  if (!alert || store.notified(unitId, alert.finding.fingerprint)) return false;
  const unit = config.units.units.find((u) => u.id === unitId);
  const text = alertText(alert, n.baseUrl ? new URL('/admin', n.baseUrl).href : undefined);
  try {
    await deliver(n, alert, unit?.email, `【${alert.kind}】${alert.unitName}：首页监测`, text);
    store.markNotified(unitId, alert.finding.fingerprint, 'monitor');
    return true;
  } catch (err) {
    log(`${alert.unitName} 的监测${alert.kind}提醒未能发出：${(err as Error).message}`);
    return false;
  }
}
