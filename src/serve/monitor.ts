// The server's homepage monitoring: each unit of the units file visited on its schedule
// (src/monitor/sampler.ts) through the config's network, each visit kept in the store.
import type { LoadedConfig } from '../config/load.ts';
import { startMonitor, visit, type MonitorOptions } from '../monitor/sampler.ts';
import { networkFor } from '../run/network.ts';
import type { Store } from '../store/db.ts';

export function startUnitMonitor(config: LoadedConfig, options: MonitorOptions, store: Store) {
  const { client, ua } = networkFor(config);
  return startMonitor(config.units.units, options, async (unit) =>
    store.addSample(unit.id, await visit(client, unit.site, options.timeoutSec, ua)),
  );
}
