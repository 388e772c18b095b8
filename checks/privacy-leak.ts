import {
  findPersonalData,
  mask,
  maskedContext,
  type PersonalKind,
} from '../src/extract/personal-data.ts';
import { defineCheck } from './define.ts';
import type { RawFinding } from '../src/contract/check.ts';

const LABEL: Record<PersonalKind, string> = {
  id: '完整的居民身份证号',
  mobile: '手机号码',
  bank: '银行卡号',
};

const CONTACT_HEADING = /联系人|联系电话|联系方式|咨询电话|办公电话/;
const PEOPLE_LIST =
  /名单|公示|申请人|户主|领取人|补贴对象|救助对象|身份证|住址|家庭|留言|来信|举报|投诉|反映人/;

interface State {
  findings: RawFinding[];
  unread: string[];
  scanned: number;
}

const check = defineCheck<State, Omit<RawFinding, 'url'>[]>({
  meta: {
    id: 'privacy-leak',
    name: '个人信息泄露',
    title: '公开的页面和附件中没有未去标识化的个人信息（身份证号、手机号、银行卡号）',
    basis:
      '国务院办公厅《2018年政务公开工作要点》：涉及个人隐私的政府信息公开时要去标识化处理；' +
      '《个人信息保护法》',
    advice:
      '立即撤下或替换含个人信息的页面和附件，身份证号、手机号、银行卡号按去标识化要求遮盖（如 ' +
      '34**************123、138****1234），并排查同类公示信息。',
    scope: 'page',
    // A picture of personal data would leak what the finding is about.
    screenshots: false,
  },
  scan: {
    start: () => ({ findings: [], unread: [], scanned: 0 }),
    read(text, kind, { asOf }) {
      const all = findPersonalData(text, asOf);
      // Staff's work mobiles given to call (a 解读's 咨询电话, a project table's 联系人 column)
      // are published on purpose, as the task list asks. Not where the page holds citizens' data
      // (an ID or card number, or the words of a 公示 of people): there a 联系电话 is theirs.
      const citizens = all.some((h) => h.kind !== 'mobile') || PEOPLE_LIST.test(text);
      // A contact: a contact word right before the number, or a name before it in a table
      // that has a contact column (联系人 张三 139…).
      const heading = CONTACT_HEADING.test(text);
      const contact = (h: (typeof all)[number]) =>
        h.kind === 'mobile' && !citizens && (h.contact || (h.besideName && heading));
      const hits = all.filter((h) => !contact(h));
      // Several people's data beside their names: a 公示 list published unmasked.
      const list = new Set(hits.filter((h) => h.besideName).map((h) => h.value)).size >= 3;
      const where = kind === 'attachment' ? '附件' : '页面';
      const seen = new Set<string>();
      const found: Omit<RawFinding, 'url'>[] = [];
      // One list is one problem with one fix: one finding naming how many numbers of each kind.
      if (list) {
        const counts = new Map<PersonalKind, Set<string>>();
        for (const h of hits) counts.set(h.kind, (counts.get(h.kind) ?? new Set()).add(h.value));
        const what = [...counts].map(([k, v]) => `${LABEL[k]} ${v.size} 个`).join('、');
        return [
          {
            severity: 'error',
            key: 'list',
            message: `${where}以多人名单形式公开了未去标识化的个人信息：${what}。`,
            evidence: maskedContext(text, hits[0].index, hits[0].value.length, 40),
          },
        ];
      }
      for (const h of hits) {
        if (seen.has(h.value)) continue; // one finding per number and page; the evidence shows the first
        seen.add(h.value);
        found.push({
          severity: h.kind === 'mobile' ? 'warning' : 'error',
          key: `${h.kind}:${h.value}`,
          message: `${where}中公开了${LABEL[h.kind]}（${mask(h.kind, h.value)}）。`,
          evidence: maskedContext(text, h.index, h.value.length),
        });
      }
      return found;
    },
    page(st, page, found) {
      if (page.kind === 'attachment' && found === undefined) {
        const path = new URL(page.url).pathname;
        if (page.error) st.unread.push(`${page.url}（${page.error}）`);
        else if (/\.(doc|xls|wps|et)$/i.test(path))
          st.unread.push(`${page.url}（旧版二进制格式，未解析）`);
        else if (/\.(docx|xlsx|pdf)$/i.test(path))
          st.unread.push(`${page.url}（超出大小限制或不在本站，未读取）`);
        return;
      }
      if (found === undefined) return;
      st.scanned++;
      for (const f of found) st.findings.push({ ...f, url: page.url });
    },
    finish({ findings, unread, scanned }) {
      const reason = unread.length
        ? `${unread.length} 个附件未能读取内容，未检查：${unread.slice(0, 5).join('；')}${unread.length > 5 ? ' 等' : ''}`
        : undefined;
      if (scanned === 0) return { status: 'error', reason: reason ?? '没有可检查的页面', findings };
      return {
        status: findings.length ? 'fail' : 'pass',
        findings,
        reason,
        metrics: { scanned, unread: unread.length },
      };
    },
  },
});

export default check;
