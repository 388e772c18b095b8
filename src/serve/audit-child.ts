// One audit of the report server, in a process of its own (forked by audit-process.ts) with a
// heap limit: an audit that dies (a site that exhausts memory, a crash in a parser) takes this
// process with it, never the server. It runs the audit it is sent, says when its run starts
// and how it ended, and stops gracefully when told to. Orphaned (the server was killed), it
// exits at once: the restarted server resumes the job from what the run stored.
import { loadConfig } from '../config/load.ts';
import type { Waiver } from '../config/schema.ts';
import { audit } from '../run/audit.ts';

/** What the server sends: the audit to run. */
export interface AuditJob {
  configFile: string;
  waivers: Waiver[];
  unitIds: string[];
  asOf: string;
  outDir: string;
  dbFile: string;
  resume?: string;
}

/** What this process answers. */
export type AuditMessage =
  | { type: 'ready' }
  | { type: 'started'; runId: string }
  | { type: 'done'; runId: string; status: string }
  | { type: 'failed'; message: string };

const send = (m: AuditMessage) => process.send?.(m);
const stopping = new AbortController();

process.on('disconnect', () => process.exit(1));
process.on('message', (m: { type: 'run'; job: AuditJob } | { type: 'stop' }) => {
  if (m.type === 'stop') return stopping.abort();
  void run(m.job).then(
    () => process.disconnect(),
    (err: Error) => {
      send({ type: 'failed', message: err.message });
      process.disconnect();
    },
  );
});
// A stop signal of the server's own (a service manager stopping its process group).
process.on('SIGTERM', () => stopping.abort());
process.on('SIGINT', () => stopping.abort());

async function run(job: AuditJob): Promise<void> {
  const config = loadConfig(job.configFile);
  config.units.waivers = [...config.units.waivers, ...job.waivers];
  const { runId, run } = await audit({
    config,
    unitIds: job.unitIds,
    asOf: job.asOf,
    outDir: job.outDir,
    dbFile: job.dbFile,
    signal: stopping.signal,
    resume: job.resume,
    redis: config.units.queue?.redis,
    onStart: (id) => send({ type: 'started', runId: id }),
  });
  send({ type: 'done', runId, status: run.status });
}

send({ type: 'ready' }); // the server may send the job
