// The server's homepage monitoring: each unit of the units file visited on its schedule
// (src/monitor/sampler.ts) through the config's network, each visit kept in the store.
import type { LoadedConfig } from '../config/load.ts';
import { startMonitor, visit, type MonitorOptions } from '../monitor/sampler.ts';
import { networkFor } from '../run/network.ts';
import type { Store } from '../store/db.ts';
import { notifyMonitor } from '../notify/notify-monitor.ts';

export function startUnitMonitor(
  config: LoadedConfig,
  options: MonitorOptions,
  store: Store,
  log: (line: string) => void = () => undefined,
) {
  const { client, ua } = networkFor(config);
  return startMonitor(config.units.units, options, async (unit) => {
    store.addSample(unit.id, await visit(client, unit.site, options.timeoutSec, ua));
    // A window past the 预警 or veto line is said now, not at the next audit.
    await notifyMonitor(store, config, unit.id, new Date(), log);
  });
}
