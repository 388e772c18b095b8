// The main thread's CPU profile around a piece of work: saved as a .cpuprofile (Chrome's
// DevTools opens it) and summed by function, self time, for the bench to print.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session, type Profiler } from 'node:inspector/promises';
import { join } from 'node:path';

export async function profiled<T>(
  work: () => Promise<T>,
): Promise<{ value: T; profile: Profiler.Profile }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const value = await work();
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  return { value, profile };
}

/** Self time by function, the largest first: `[ms, "name file:line"]`. */
export function topFunctions(profile: Profiler.Profile, count = 25): [number, string][] {
  const time = new Map<number, number>();
  profile.samples!.forEach((id, i) =>
    time.set(id, (time.get(id) ?? 0) + (profile.timeDeltas![i] ?? 0)),
  );
  const self = new Map<string, number>();
  for (const node of profile.nodes) {
    const f = node.callFrame;
    const where = f.url.split('/').slice(-2).join('/');
    const key = `${f.functionName || '(anonymous)'} ${where}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (time.get(node.id) ?? 0));
  }
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([k, us]) => [Math.round(us / 1000), k]);
}

/** Saves the profile under bench/profiles/ and returns its path. */
export function saveProfile(profile: Profiler.Profile, name: string): string {
  const dir = join(import.meta.dirname, 'profiles');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  return file;
}

/** Self time of the functions named `name`, by the nearest caller of ours (for the bench's diary). */
export function callersOf(profile: Profiler.Profile, name: string, count = 10): [number, string][] {
  const time = new Map<number, number>();
  profile.samples!.forEach((id, i) =>
    time.set(id, (time.get(id) ?? 0) + (profile.timeDeltas![i] ?? 0)),
  );
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const out = new Map<string, number>();
  for (const n of profile.nodes) {
    if (n.callFrame.functionName !== name || !time.get(n.id)) continue;
    let p = parent.get(n.id);
    const chain: string[] = [];
    while (p !== undefined && chain.length < 3) {
      const f = byId.get(p)!.callFrame;
      if (f.url.includes('/work/') || f.url.includes('checks/'))
        chain.push(
          `${f.functionName || '(anon)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`,
        );
      p = parent.get(p);
    }
    const k = chain.join(' < ');
    out.set(k, (out.get(k) ?? 0) + time.get(n.id)!);
  }
  return [...out]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([k, us]) => [Math.round(us / 1000), k]);
}
