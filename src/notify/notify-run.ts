// After an audit in the server: every unit's new alerts of the run, each sent once to the office
// and the unit (webhook and e-mail, as configured) and then marked as sent in the store. A send
// that fails leaves its alert unmarked, to go with the next run, and is said in the log.
import type { LoadedConfig } from '../config/load.ts';
import type { Store } from '../store/db.ts';
import { alertsOf, alertText } from './alerts.ts';
import { deliver } from './send.ts';

export async function notifyRun(
  store: Store,
  runId: string,
  config: LoadedConfig,
  log: (line: string) => void = () => undefined,
): Promise<number> {
  const n = config.units.notify;
  if (!n || (!n.webhook && !n.smtp)) return 0;
  let sent = 0;
  for (const row of store.units(runId)) {
    const result = store.result(runId, row.unit_id);
    if (!result) continue;
    const unit = config.units.units.find((u) => u.id === row.unit_id);
    const fresh = alertsOf(result, config.profile).filter(
      (a) => !store.notified(a.unitId, a.finding.fingerprint),
    );
    for (const a of fresh) {
      const link = n.baseUrl
        ? new URL(`/admin/runs/${runId}/units/${a.unitId}.html`, n.baseUrl).href
        : undefined;
      const text = alertText(a, link);
      try {
        const subject = `【${a.kind}】${a.unitName}：${a.finding.message.slice(0, 40)}`;
        await deliver(n, a, unit?.email, subject, text);
        store.markNotified(a.unitId, a.finding.fingerprint, runId);
        sent++;
      } catch (err) {
        log(`${a.unitName} 的${a.kind}提醒未能发出：${(err as Error).message}（下次测评后重试）`);
      }
    }
  }
  return sent;
}
