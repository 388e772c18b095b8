// A 政府信息公开工作年度报告 in the 国办公开办函〔2021〕30号 template, for the sample sites:
// the six sections and tables 二, 三 and 四 with numbers that add up (or, when asked, not).

const T3_ROWS = [
  '（一）予以公开',
  '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  '1.属于国家秘密',
  '2.其他法律行政法规禁止公开',
  '3.危及“三安全一稳定”',
  '4.保护第三方合法权益',
  '5.属于三类内部事务信息',
  '6.属于四类过程性信息',
  '7.属于行政执法案卷',
  '8.属于行政查询事项',
  '1.本机关不掌握相关政府信息',
  '2.没有现成信息需要另行制作',
  '3.补正后申请内容仍不明确',
  '1.信访举报投诉类申请',
  '2.重复申请',
  '3.要求提供公开出版物',
  '4.无正当理由大量反复申请',
  '5.要求行政机关确认或重新出具已获取信息',
  '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  '3.其他',
];
const GROUP_AT: Record<number, string> = {
  2: '（三）不予公开',
  10: '（四）无法提供',
  13: '（五）不予处理',
  18: '（六）其他处理',
};
const GROUP_SPAN: Record<number, number> = { 2: 8, 10: 3, 13: 5, 18: 3 };

/** `results`: the 21 result rows for natural persons (other applicants 0); `newRequests` 一. */
export function annualReportBody(
  year: number,
  results: number[],
  opts: { newRequests?: number; validNormative: number },
): string {
  const total = results.reduce((a, b) => a + b, 0);
  const newRequests = opts.newRequests ?? total;
  const row = (cells: string, n: number) =>
    `<tr>${cells}<td>${n}</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>${n}</td></tr>`;
  const resultRows = T3_ROWS.map((label, i) => {
    const group = GROUP_AT[i] ? `<td rowspan="${GROUP_SPAN[i]}">${GROUP_AT[i]}</td>` : '';
    const first = i === 0 ? '<td rowspan="22">三、本年度办理结果</td>' : '';
    const own = i < 2 ? `<td colspan="2">${label}</td>` : `<td>${label}</td>`;
    return row(`${first}${group}${own}`, results[i]);
  }).join('');
  return (
    `<p>本报告根据《中华人民共和国政府信息公开条例》和国办公开办函〔2021〕30号要求编制。</p>
<h3>一、总体情况</h3>` +
    `<p>${year}年，本单位主动公开政府信息，依申请公开，加强政府信息管理、平台建设和监督保障。</p>
<h3>二、主动公开政府信息情况</h3>
<table border="1"><tr><td colspan="4">第二十条第（一）项</td></tr><tr><td>信息内容</td><td>本年制发件数</td>` +
    `<td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr><tr><td>行政规范性文件</td><td>1</td><td>0</td>` +
    `<td>${opts.validNormative}</td></tr></table>
<h3>三、收到和处理政府信息公开申请情况</h3>
<table border="1"><tr>` +
    `<td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，` +
    `等于第三项加第四项之和）</td>` +
    `<td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
${row(
  '<td colspan="3">一、本年新收政府信息公开申请数量</td' + '>',
  newRequests,
)}${row('<td colspan="3">二、上年结转政府信息公开申请数量</td>', 0)}
${resultRows}${row('<td colspan="2">（七）总计</td>', total)}${row(
      '<td colspan="3">四、结转下年度继续办理</td' + '>',
      0,
    )}</table>
<h3>四、政府信息公开行政复议、行政诉讼情况</h3>
<table border="1"><tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr><tr><td>结果维持</td><td>结果纠正</td>
<td>其他结果</td><td>尚未审结</td><td>总计</td><td colspan="5">未经复议直接起诉</td>` +
    `<td colspan="5">复议后起诉</td></tr>
<tr><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0
</td><td>0</td><td>0</td><td>0</td><td>0</td></tr></table>
<h3>五、存在的主要问题及改进情况</h3><p>存在的问题……改进措施……</p>
<h3>六、其他需要报告的事项</h3><p>本年度未收取信息处理费。</p>`
  );
}
