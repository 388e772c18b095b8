// Units on a shared platform (政府网站集约化): which platform a unit publishes on without running
// it, which hosts several units crawl, and whose scope a URL on a shared host falls in.
import { matchesRules } from '../crawl/scope.ts';
import type { UnitConfig, UnitsFile } from '../config/schema.ts';
import type { Store } from '../store/db.ts';
import type { HostedOn } from './judge.ts';

type Platform = UnitsFile['platforms'][number];

const hostsOf = (u: UnitConfig) =>
  [u.site, u.disclosure].filter((x): x is string => Boolean(x)).map((x) => new URL(x));

/** The platform a unit's site is on, unless the unit runs it. */
export function platformOf(file: UnitsFile, unit: UnitConfig): Platform | undefined {
  const host = new URL(unit.site).hostname.toLowerCase();
  return file.platforms.find(
    (p) => p.owner !== unit.id && p.hosts.some((h) => h.toLowerCase() === host),
  );
}

/** Hosts (host:port) that more than one of these units crawl, and every platform's hosts. */
export function sharedHosts(file: UnitsFile, units: UnitConfig[]): Set<string> {
  const count = new Map<string, number>();
  for (const u of units)
    for (const h of new Set(hostsOf(u).map((x) => x.host))) count.set(h, (count.get(h) ?? 0) + 1);
  const shared = new Set([...count].filter(([, n]) => n > 1).map(([h]) => h));
  const platformNames = new Set(file.platforms.flatMap((p) => p.hosts.map((h) => h.toLowerCase())));
  for (const u of units)
    for (const x of hostsOf(u)) if (platformNames.has(x.hostname)) shared.add(x.host);
  return shared;
}

/** For one unit: whether a URL is in another unit's scope on the same host. */
export function foreignTo(units: UnitConfig[], unit: UnitConfig): (u: URL) => boolean {
  const others = units
    .filter((o) => o.id !== unit.id && o.scope)
    .map((o) => ({ hosts: new Set(hostsOf(o).map((x) => x.host)), rules: o.scope! }));
  return (u) => others.some((o) => o.hosts.has(u.host) && matchesRules(u, o.rules));
}

/** What judging a hosted unit needs to know of its platform: the owner's findings in this run. */
export function hostedOn(
  file: UnitsFile,
  unit: UnitConfig,
  store: Store,
  runId: string,
): HostedOn | undefined {
  const p = platformOf(file, unit);
  if (!p) return undefined;
  const owner = store.result(runId, p.owner);
  return {
    id: p.id,
    ...(p.name ? { name: p.name } : {}),
    ownerFingerprints: new Set(owner?.findings.map((f) => f.fingerprint) ?? []),
  };
}
