/**
 * The text of a link a document gives to its 解读 (相关解读, 图文解读, 政策解读, 关联稿件): the
 * crawler follows such links beyond its budgets and the policy checks count them.
 */
export const INTERPRETATION_LINK = /解读|图解|关联稿件|一图(读懂|看懂)/;
