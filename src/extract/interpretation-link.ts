/**
 * The text of a link a document gives to its 解读 (相关解读, 图文解读, 政策解读, 关联稿件): the
 * crawler follows such links beyond its budgets and the policy checks count them.
 */
export const INTERPRETATION_LINK = /解读|图解|关联稿件|一图(读懂|看懂)/;

/** A label before a link, or a heading over a list of them, that says they are 解读. */
export const INTERPRETATION_LABEL =
  /^(相关|政策|文件|图文|配套)?(解读|图解)(材料|文章|链接)?[:：]?$/;

/** Whether a link leads to a document's 解读: by its own text, or by the label before it. */
export const isInterpretationLink = (l: { text: string; label?: string }) =>
  INTERPRETATION_LINK.test(l.text) || INTERPRETATION_LABEL.test(l.label ?? '');
