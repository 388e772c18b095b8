// Runs audits for the server (the office's full run, the schedule, a unit's re-check) one at a
// time, each in a child process with a heap limit (audit-process.ts); a unit already queued or being audited is not queued again,
// so the same unit is never audited twice at once. Every audit asked for is a job kept in the
// store: after a crash or a restart, jobs not finished go on (`resume`), from the pages their run
// had stored. Progress is what the
// store shows (runs and run_units statuses), which the office page reads.
import PQueue from 'p-queue';
import { join } from 'node:path';
import { loadConfig } from '../config/load.ts';
import type { Waiver } from '../config/schema.ts';
import { resumePlan } from '../run/audit.ts';
import { Store } from '../store/db.ts';
import { AuditCrashed, auditInChild } from './audit-process.ts';
import { beijingDate, beijingStamp } from '../time.ts';
import type { ServerStore } from './server-store.ts';

export interface RunnerOptions {
  configFile: string;
  dbFile: string;
  outRoot: string;
  /** The assessment date; today in Beijing when not given. */
  asOf?: string;
  /** Waivers decided in the server (accepted disputes), added to the units file's own. */
  waivers?: () => Waiver[];
  /** Where jobs are kept; without it they live in memory only. */
  jobs?: Pick<ServerStore, 'addJob' | 'setJob' | 'pendingJobs' | 'jobCrashed'>;
  /** Told when a job's audit has finished (a re-check's log line). */
  onDone?: (reason: string, runId: string) => void;
  /** Told when a job's process died, and whether it is tried again (the audit log). */
  onCrash?: (reason: string, why: string, again: boolean) => void;
  /** Each audit process's heap limit, MB (`server.auditMemoryMb`). */
  memoryMb?: number;
}

/** A job whose process died this many times is given up, with the reason. */
const MAX_CRASHES = 2;
const DEFAULT_MEMORY_MB = 1024;

export class AuditRunner {
  private readonly queue = new PQueue({ concurrency: 1 });
  private readonly busy = new Set<string>();
  private readonly stopping = new AbortController();
  readonly errors: string[] = [];

  constructor(private readonly opts: RunnerOptions) {}

  /** Queues an audit of these units (all when undefined); returns the units it queued. */
  start(unitIds: string[] | undefined, reason: string): string[] {
    const config = loadConfig(this.opts.configFile);
    const wanted = unitIds ?? config.units.units.map((u) => u.id);
    const ids = wanted.filter(
      (id) => !this.busy.has(id) && config.units.units.some((u) => u.id === id),
    );
    if (ids.length === 0) return [];
    const job = this.opts.jobs?.addJob(ids, reason);
    this.enqueue(ids, reason, job);
    return ids;
  }

  /** Runs again the jobs a crash or a stop left unfinished; returns how many. */
  resume(): number {
    const pending = this.opts.jobs?.pendingJobs() ?? [];
    const config = loadConfig(this.opts.configFile);
    for (const j of pending) {
      const ids = (j.units ?? config.units.units.map((u) => u.id)).filter(
        (id) => !this.busy.has(id),
      );
      if (ids.length) this.enqueue(ids, j.reason, j.id, j.runId);
      else this.opts.jobs?.setJob(j.id, 'done');
    }
    return pending.length;
  }

  /**
   * Goes on with a run that was cut short (the server stopped, its process died): its units not
   * busy, from the pages it stored. Returns the units queued; none when the run cannot go on.
   */
  continueRun(runId: string): string[] {
    if (!this.resumable(runId)) return [];
    const store = new Store(this.opts.dbFile);
    let units: string[];
    try {
      if (store.getRun(runId)?.status !== 'interrupted') return [];
      units = store.units(runId).map((u) => u.unit_id);
    } finally {
      store.close();
    }
    const ids = units.filter((id) => !this.busy.has(id));
    if (ids.length === 0) return [];
    // The job that started it, if still pending (the next start would go on with it too).
    const pending = this.opts.jobs?.pendingJobs().find((j) => j.runId === runId);
    const reason = pending?.reason ?? 'resume';
    const job = pending?.id ?? this.opts.jobs?.addJob(ids, reason);
    if (job !== undefined) this.opts.jobs?.setJob(job, 'queued', runId);
    this.enqueue(ids, reason, job, runId);
    return ids;
  }

  private enqueue(
    ids: string[],
    reason: string,
    job: number | undefined,
    startedRun?: string,
  ): void {
    ids.forEach((id) => this.busy.add(id));
    void this.queue.add(async () => {
      if (this.stopping.signal.aborted) return;
      if (job !== undefined) this.opts.jobs?.setJob(job, 'running');
      let runId = startedRun;
      let again = false;
      try {
        const ended = await auditInChild(
          {
            configFile: this.opts.configFile,
            waivers: this.opts.waivers?.() ?? [],
            unitIds: ids,
            asOf: this.opts.asOf ?? beijingDate(),
            outDir: join(this.opts.outRoot, `${beijingStamp()}-${reason}`),
            dbFile: this.opts.dbFile,
            // A job its run had started goes on from what that run stored.
            resume: startedRun && this.resumable(startedRun) ? startedRun : undefined,
          },
          {
            memoryMb: this.opts.memoryMb ?? DEFAULT_MEMORY_MB,
            signal: this.stopping.signal,
            onStart: (id) => {
              runId = id;
              if (job !== undefined) this.opts.jobs?.setJob(job, 'running', id);
            },
          },
        );
        // Stopped mid-way: the job stays to run again at the next start.
        if (ended.status !== 'complete') {
          if (job !== undefined) this.opts.jobs?.setJob(job, 'queued', ended.runId);
          return;
        }
        if (job !== undefined) this.opts.jobs?.setJob(job, 'done', ended.runId);
        this.opts.onDone?.(reason, ended.runId);
      } catch (err) {
        const why = (err as Error).message;
        this.errors.push(`${new Date().toISOString()} ${reason}: ${why}`);
        if (err instanceof AuditCrashed && !this.stopping.signal.aborted) {
          // Its process died: once more from what its run stored, then given up with the reason,
          // never resumed at every start for ever.
          const crashes = this.crashed(job, ids, why);
          this.opts.onCrash?.(reason, why, crashes < MAX_CRASHES);
          again = crashes < MAX_CRASHES;
        }
        if (again) {
          if (job !== undefined) this.opts.jobs?.setJob(job, 'queued', runId);
        } else {
          if (job !== undefined) this.opts.jobs?.setJob(job, 'failed', runId, why);
          // Its process is gone: the run it left `running` is interrupted, never 抓取中 for ever.
          if (runId) this.interrupted(runId);
        }
      } finally {
        ids.forEach((id) => this.busy.delete(id));
        if (again) this.enqueue(ids, reason, job, runId);
      }
    });
  }

  /** How many times a job's process has died, this one included. */
  private crashed(job: number | undefined, ids: string[], why: string): number {
    if (job !== undefined && this.opts.jobs) return this.opts.jobs.jobCrashed(job, why);
    const key = ids.join(',');
    const n = (this.crashes.get(key) ?? 0) + 1;
    this.crashes.set(key, n);
    return n;
  }

  private readonly crashes = new Map<string, number>();

  private interrupted(runId: string): void {
    const store = new Store(this.opts.dbFile);
    try {
      if (store.getRun(runId)?.status === 'running') store.finishRun(runId, 'interrupted');
    } finally {
      store.close();
    }
  }

  private resumable(runId: string): boolean {
    try {
      resumePlan(this.opts.dbFile, runId);
      return true;
    } catch {
      return false; // finished meanwhile, or gone: the job runs afresh
    }
  }

  isBusy(unitId: string): boolean {
    return this.busy.has(unitId);
  }

  /** Stops gracefully: no new audit starts, the running one keeps what it has and ends interrupted. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.queue.onIdle();
  }

  idle(): Promise<void> {
    return this.queue.onIdle();
  }
}
