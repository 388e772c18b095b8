// 发文字号 in the GB/T 9704-2012 §7.2.5 form: 机关代字〔年份全称〕顺序号号, e.g. 宣政〔2022〕3号.
// Each wrong form gets its own diagnosis, so the unit knows exactly what to change.
// (Province registration numbers such as 陕西's 杨管规〔2012〕001 follow other rules and are
// not judged by this.)

export const DOC_NUMBER_RE = /^[\p{Script=Han}A-Za-z]{1,20}〔(19|20)\d{2}〕[1-9]\d*号$/u;

const BRACKETS: [RegExp, string][] = [
  [/﹝|﹞/, '「﹝﹞」（形似而非六角括号）'],
  [/\[|\]/, '方括号「[]」'],
  [/［|］/, '全角方括号「［］」'],
  [/【|】/, '实心方括号「【】」'],
  [/\(|\)/, '圆括号「()」'],
  [/（|）/, '全角圆括号「（）」'],
  [/〈|〉|<|>/, '尖括号「〈〉」'],
];

/** What is wrong with a 文号, in Chinese; empty when it is right. */
export function docNumberProblems(raw: string): string[] {
  const s = raw.trim();
  if (DOC_NUMBER_RE.test(s)) return [];
  const problems: string[] = [];
  if (/[\s\u3000]/.test(s)) problems.push('文号中有空格');
  if (/[０-９]/.test(s)) problems.push('使用了全角数字，应使用半角阿拉伯数字');
  const norm = s.normalize('NFKC').replace(/[\s]/g, '');
  for (const [re, name] of BRACKETS) {
    if (re.test(s)) {
      problems.push(`年份应使用六角括号「〔〕」，此处用了${name}`);
      break;
    }
  }
  const year = norm.match(/[〔﹝\[(【〈<]\s*(\d+)\s*[〕﹞\])】〉>]/)?.[1];
  if (year && year.length === 2)
    problems.push(`年份应标全称（如 20${year}），不能只写两位「${year}」`);
  const serial = norm.match(/[〕﹞\])】〉>]\s*(第?)(\d+)(号?)/);
  if (serial) {
    if (serial[1]) problems.push('发文顺序号前不加「第」字');
    if (/^0\d/.test(serial[2]))
      problems.push(`发文顺序号不编虚位（「${serial[2]}」应写为「${Number(serial[2])}」）`);
    if (!serial[3]) problems.push('发文顺序号后缺少「号」字');
  }
  if (problems.length === 0) problems.push('不符合「机关代字〔年份〕序号号」的格式');
  return problems;
}
