// A row's Work type text as one of the kinds of work the onshore reference rate is set for.
// Buyers name work in their own words ("Cloud operations", "Pen test", "Customer care"), so
// the text is read by keyword, most specific kind first: "security testing" is security work
// before it is testing, "finance operations" is finance before it is operations.
import type { WorkType } from "./types";
import { WORK_TYPES } from "./types";

const KEYWORDS: readonly (readonly [WorkType, RegExp])[] = [
  ["Security", /secur|penetration|pen ?test|cyber|vulnerab|\bsoc\b|threat/],
  ["Finance operations", /financ|accounting|accounts|bookkeep|payroll|invoic|reconcil|\bap\b|\bar\b|treasury|tax/],
  ["Data processing and BPO", /\bbpo\b|back ?office|data entry|data processing|customer (support|service|care|experience)|contact cent|call cent|transcri|moderation|document processing|claims processing|order processing/],
  ["QA and testing", /\bqa\b|quality assurance|\btest|tester/],
  ["Data and analytics", /analytic|data scien|data engineer|business intelligence|\bbi\b|machine learning|\bml\b|\bai\b|reporting|dashboards?/],
  ["Infrastructure", /infrastructure|devops|dev ops|cloud|operations|\bops\b|\bsre\b|site reliability|network|sysadmin|system admin|hosting|platform engineering/],
  ["IT support", /support|service desk|help ?desk|desktop|end user/],
];

const byName: ReadonlyMap<string, WorkType> = new Map(WORK_TYPES.map((w) => [w.toLowerCase(), w]));
const cache = new Map<string, WorkType>();

/** The kind of work a Work type text names; Software development when it names none (or is empty). */
export function workTypeOf(text: string): WorkType {
  let kind = cache.get(text);
  if (kind === undefined) {
    const lower = text.trim().toLowerCase().replace(/\s+/g, " ");
    kind = byName.get(lower) ?? KEYWORDS.find(([, pattern]) => pattern.test(lower))?.[0] ?? "Software development";
    if (cache.size > 4096) cache.clear();
    cache.set(text, kind);
  }
  return kind;
}
