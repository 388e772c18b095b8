// What the 工作台账 holds for a unit, beside its latest task list: the items its site cannot show
// (人工核查, 待核实), each with the unit's entry and the office's decision, and the same entries
// written into a result's checklist for the report, the 通报 and the workbook.
import type { ChecklistEntry, UnitResult } from '../contract/run.ts';
import { LEDGER_LABEL, type LedgerRow, type LedgerStore } from './ledger-store.ts';
import type { ServerStore } from './server-store.ts';

/** The statuses a unit answers in the ledger: what no check or page could decide. */
export const LEDGER_STATUSES = new Set(['人工核查', '待核实']);

export interface LedgerItem {
  item: ChecklistEntry;
  row?: LedgerRow;
  label: string;
}

export function latestChecklist(store: ServerStore, unitId: string): ChecklistEntry[] {
  const latest = store.unitRuns(unitId)[0];
  return (latest && store.unitResult(latest.runId, unitId)?.checklist) || [];
}

export function ledgerItems(store: ServerStore, ledger: LedgerStore, unitId: string): LedgerItem[] {
  const rows = new Map(ledger.rows(unitId).map((r) => [r.item_id, r]));
  return latestChecklist(store, unitId)
    .filter((i) => LEDGER_STATUSES.has(i.status))
    .map((item) => {
      const row = rows.get(item.id);
      return { item, row, label: LEDGER_LABEL[row?.status ?? 'none'] };
    });
}

/** The result with each item's ledger entry, as the report and the paperwork show it. */
export function withLedger(result: UnitResult, rows: LedgerRow[]): UnitResult {
  if (!result.checklist) return result;
  const byItem = new Map(rows.map((r) => [r.item_id, r]));
  return {
    ...result,
    checklist: result.checklist.map((i) => {
      const r = byItem.get(i.id);
      if (!r || !LEDGER_STATUSES.has(i.status)) return i;
      return {
        ...i,
        ledger: {
          status: r.status,
          label: LEDGER_LABEL[r.status],
          note: r.note,
          at: r.at.slice(0, 10),
          ...(r.office_note ? { officeNote: r.office_note } : {}),
        },
      };
    }),
  };
}
