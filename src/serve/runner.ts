// Runs audits for the server (the office's full run, the schedule, a unit's re-check) one at a
// time, in the server's process; a unit already queued or being audited is not queued again,
// so the same unit is never audited twice at once. Progress is what the store shows (runs and
// run_units statuses), which the office page reads.
import PQueue from 'p-queue';
import { join } from 'node:path';
import { loadConfig } from '../config/load.ts';
import type { Waiver } from '../config/schema.ts';
import { audit } from '../run/audit.ts';

export interface RunnerOptions {
  configFile: string;
  dbFile: string;
  outRoot: string;
  /** The assessment date; today when not given. */
  asOf?: string;
  /** Waivers decided in the server (accepted disputes), added to the units file's own. */
  waivers?: () => Waiver[];
}

export class AuditRunner {
  private readonly queue = new PQueue({ concurrency: 1 });
  private readonly busy = new Set<string>();
  readonly errors: string[] = [];

  constructor(private readonly opts: RunnerOptions) {}

  /** Queues an audit of these units (all when undefined); returns the units it queued. */
  start(unitIds: string[] | undefined, reason: string, onDone?: (runId: string) => void): string[] {
    const config = loadConfig(this.opts.configFile);
    const wanted = unitIds ?? config.units.units.map((u) => u.id);
    const ids = wanted.filter((id) => !this.busy.has(id) && config.units.units.some((u) => u.id === id));
    if (ids.length === 0) return [];
    ids.forEach((id) => this.busy.add(id));
    void this.queue.add(async () => {
      try {
        const asOf = this.opts.asOf ?? new Date().toISOString().slice(0, 10);
        const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);
        const config = loadConfig(this.opts.configFile);
        config.units.waivers = [...config.units.waivers, ...(this.opts.waivers?.() ?? [])];
        const { runId } = await audit({
          config,
          unitIds: ids,
          asOf,
          outDir: join(this.opts.outRoot, `${stamp}-${reason}`),
          dbFile: this.opts.dbFile,
        });
        onDone?.(runId);
      } catch (err) {
        this.errors.push(`${new Date().toISOString()} ${reason}: ${(err as Error).message}`);
      } finally {
        ids.forEach((id) => this.busy.delete(id));
      }
    });
    return ids;
  }

  isBusy(unitId: string): boolean {
    return this.busy.has(unitId);
  }

  idle(): Promise<void> {
    return this.queue.onIdle();
  }
}
