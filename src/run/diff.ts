// `zwgk diff --from RUN --to RUN`: per unit, the score then and now, and which findings were
// fixed, are new, or are still open, matched by fingerprint.
import { Store } from '../store/db.ts';
import { scoreLabel } from '../score/score.ts';
import { UsageError } from '../errors.ts';
import { loadRunJson } from './outputs.ts';

export function diffRuns(dbFile: string, from: string, to: string): string {
  const store = new Store(dbFile);
  try {
    for (const id of [from, to])
      if (!store.getRun(id)) throw new UsageError(`数据库 ${dbFile} 中没有运行 ${id}`);
    const a = loadRunJson(store, from);
    const b = loadRunJson(store, to);
    const lines: string[] = [`${from}（${a.asOf}） → ${to}（${b.asOf}）`];
    for (const u of b.units) {
      const before = a.units.find((x) => x.id === u.id);
      if (!before) {
        lines.push(`\n${u.name}：${scoreLabel(u.score)} ${u.verdict}（上次未测评）`);
        continue;
      }
      const old = new Set(before.findings.map((f) => f.fingerprint));
      const now = new Set(u.findings.map((f) => f.fingerprint));
      const fixed = before.findings.filter((f) => !now.has(f.fingerprint));
      const added = u.findings.filter((f) => !old.has(f.fingerprint));
      const open = u.findings.length - added.length;
      lines.push(
        `\n${u.name}：${scoreLabel(before.score)} → ${scoreLabel(u.score)}，${before.verdict} → ${u.verdict}；` +
          `已整改 ${fixed.length}，新发现 ${added.length}，仍未整改 ${open}`,
      );
      for (const f of fixed) lines.push(`  已整改  ${f.message}  ${f.url}`);
      for (const f of added) lines.push(`  新发现  ${f.message}  ${f.url}`);
    }
    return lines.join('\n');
  } finally {
    store.close();
  }
}
