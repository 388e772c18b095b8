// What every route module needs: the app, the stores, the runner, and small response helpers.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LoadedConfig } from '../config/load.ts';
import type { AuditRunner } from './runner.ts';
import type { ServerStore, Session } from './server-store.ts';
import type { LedgerStore } from './ledger-store.ts';

export const SESSION = 'zwgk_session';
export const COOKIE = {
  path: '/',
  httpOnly: true,
  sameSite: 'strict' as const,
  secure: 'auto' as const,
};
export const STATUS_LABEL: Record<string, string> = { fixed: '已整改', disputed: '不认可' };

export interface ServeOptions {
  configFile: string;
  dbFile: string;
  outRoot: string;
  adminPasswordHash: string;
  /** Secret for signing the CSRF cookie; when not given, one made once and kept in the database. */
  cookieSecret?: string;
  asOf?: string;
  /** Minutes between two re-checks of the same unit. */
  recheckMinutes?: number;
  /**
   * Behind an HTTPS reverse proxy: how many proxy hops (1), or which proxy addresses
   * ("127.0.0.1,10.0.0.0/8"), to trust for X-Forwarded-*; never every sender of the header.
   */
  trustProxy?: number | string;
  /** Heap limit of each audit's process, MB (default: the units file's server.auditMemoryMb). */
  auditMemoryMb?: number;
}

export interface RouteContext {
  app: FastifyInstance;
  store: ServerStore;
  ledger: LedgerStore;
  runner: AuditRunner;
  config: LoadedConfig;
  opts: ServeOptions;
  recheckMinutes: number;
  unitName(id: string): string;
  html(reply: FastifyReply, body: string, status?: number): FastifyReply;
  /** True for an office session; otherwise redirects to the login. */
  office(req: FastifyRequest, reply: FastifyReply): boolean;
  /** The unit of a unit session; otherwise answers 403 and gives undefined. */
  unit(req: FastifyRequest, reply: FastifyReply): string | undefined;
  setSession(reply: FastifyReply, s: Session, hours: number): void;
  flash(req: FastifyRequest): string | undefined;
  outDirOf(runId: string): string | undefined;
  unitReport(runId: string, result: NonNullable<ReturnType<ServerStore['unitResult']>>): string;
  scheduleInfo(): { expr: string; next: string } | undefined;
}
