// The one-line notices shown after a form (「答复已提交」): chosen from this list by a key in
// the URL, never taken from it as text, so a link cannot make the server show words of its own.
// A number in a notice (how many units, which link) is read as a number or the notice is not shown.
const NOTICES = {
  answered: () => '答复已提交',
  'recheck-queued': () => '已申请复查，完成后本页会显示新结果',
  'recheck-busy': () => '本单位正在测评中',
  'run-started': (n: number) => `已开始测评 ${n} 个单位`,
  'run-busy': () => '这些单位正在测评中',
  'run-continued': (n: number) => `已继续中断的测评（${n} 个单位），完成后本页会显示结果`,
  'run-not-continued': () => '这次测评无法继续（已完成、正在进行，或已无记录）',
  accepted: () => '已认可：下次测评起该问题列为已豁免',
  rejected: () => '已驳回：该问题仍需整改',
  revoked: (n: number) => `已撤销分享链接 #${n}`,
  'ledger-recorded': () => '台账已登记，待办公室核实',
  'ledger-verified': () => '已核实该台账事项',
  'ledger-returned': () => '已退回该台账事项，单位可补充后重新登记',
} satisfies Record<string, (n: number) => string>;

export type Notice = keyof typeof NOTICES;

/** The query string that asks for a notice: `?msg=run-started&n=3`. */
export const noticeQuery = (key: Notice, n?: number) =>
  `msg=${key}${n === undefined ? '' : `&n=${n}`}`;

/** The notice a request asks for, if it names one on the list. */
export function noticeOf(query: unknown): string | undefined {
  const q = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>;
  const key = q.msg;
  if (typeof key !== 'string' || !Object.hasOwn(NOTICES, key)) return undefined;
  const n = typeof q.n === 'string' && /^\d{1,9}$/.test(q.n) ? Number(q.n) : 0;
  return NOTICES[key as Notice](n);
}
