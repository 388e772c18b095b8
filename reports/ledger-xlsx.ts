// The whole 工作台账 as one workbook for the office: every unit × every item it is responsible
// for, the status from the checks and the site beside the unit's entry and the office's decision.
import ExcelJS from 'exceljs';
import type { ChecklistEntry } from '../src/contract/run.ts';
import { sheet } from './exports.ts';

const LABEL: Record<string, string> = {
  submitted: '已登记，待核实',
  verified: '已核实',
  returned: '已退回',
};

export interface LedgerUnit {
  id: string;
  name: string;
  checklist: ChecklistEntry[];
  rows: {
    item_id: string;
    status: string;
    note: string;
    link: string | null;
    file_id: number | null;
    at: string;
    office_note: string | null;
  }[];
}

const HEADER = [
  '单位',
  '序号',
  '任务',
  '情况',
  '说明',
  '台账',
  '单位登记',
  '佐证链接',
  '附件',
  '办公室意见',
];

export async function ledgerWorkbook(units: LedgerUnit[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const rows = units.flatMap((u) => {
    const byItem = new Map(u.rows.map((r) => [r.item_id, r]));
    return u.checklist
      .filter((i) => i.status !== '不适用')
      .map((i) => {
        const r = byItem.get(i.id);
        return [
          u.name,
          i.id,
          i.title,
          i.status,
          i.why ?? '',
          r ? LABEL[r.status] : ['人工核查', '待核实'].includes(i.status) ? '未登记' : '',
          r ? `${r.at.slice(0, 10)} ${r.note}` : '',
          r?.link ?? '',
          r?.file_id ? `附件 #${r.file_id}` : '',
          r?.office_note ?? '',
        ];
      });
  });
  sheet(book, '工作台账', HEADER, rows);
  return Buffer.from(await book.xlsx.writeBuffer());
}
