/*
 * Total cost. Names in [brackets] are rows of the assumptions sheet; <Field> is the row's
 * value for that column; O = overlap hours (given); every percent is a fraction of labour.
 *
 *   labour               = <Hourly rate> * <Hours>
 *   vendorSelection      = labour * MIN(1, 12 / <Duration (months)>) * [Vendor selection %]
 *   transition           = labour * [Transition %]
 *   governance           = labour * [Governance % (<Engagement model>)]
 *   productivityLoss     = labour * MIN([Productivity loss % maximum],
 *                            [Productivity loss % (<Location model>)]
 *                            + [Productivity loss % per missing overlap hour]
 *                              * MAX(0, [Overlap need (<Collaboration intensity> collaboration)] - O))
 *   rework               = labour * [Rework % (<Requirements clarity> clarity)]
 *   changeRequests       = labour * [Change request % (<Pricing model>, <Requirements clarity> clarity)]
 *   attritionKnowledgeLoss = labour * <Attrition> * MIN([Knowledge loss per departure (months)], <Duration (months)>) / 12
 *   travel               = labour * [Travel % (<Location model>)]
 *   securityCompliance   = labour * [Security % (<Data sensitivity>)]
 *   severanceRetention   = IF(<Replaces in-house staff>, labour * [Severance and retention %], 0)
 *   total                = labour + the ten lines above
 *   effectiveHourlyRate  = IF(<Hours> > 0, total / <Hours>, 0)
 *
 * Why attrition reads so: a team of F people over D months loses F * attrition * D / 12
 * people, each costing K months of one person's labour (labour / (F * D) a month), which
 * is labour * attrition * K / 12 whatever the team size; K cannot exceed the duration.
 * Why vendor selection reads so: the CIO figure is a share of annual contract value, and
 * one year's labour is labour * 12 / D, or the whole labour for engagements under a year.
 * Lines are in this fixed order; explanations are built once per assumptions and category.
 */
import type { CostBreakdown, CostLine, VendorRow } from "./types";
import type { Assumptions } from "./assumptions";
import { hoursText, memoText, percentText, tablesFor, type Tables } from "./tables";
import { rowOverlapHours } from "./fit";

export const COST_LINES = [
  { key: "vendorSelection", label: "Vendor selection" },
  { key: "transition", label: "Transition and knowledge transfer" },
  { key: "governance", label: "Governance" },
  { key: "productivityLoss", label: "Productivity loss" },
  { key: "rework", label: "Rework" },
  { key: "changeRequests", label: "Change requests" },
  { key: "attritionKnowledgeLoss", label: "Attrition knowledge loss" },
  { key: "travel", label: "Travel" },
  { key: "securityCompliance", label: "Security and compliance" },
  { key: "severanceRetention", label: "Severance and retention" },
] as const;
export type CostLineKey = (typeof COST_LINES)[number]["key"];

const GOVERNANCE_WHY: Record<string, string> = {
  "Staff augmentation": "under staff augmentation the buyer directs the daily work and carries delivery risk",
  "Dedicated team": "with a dedicated team the buyer still directs the work while the vendor handles people",
  Project: "on a project the buyer owns requirements and change control",
  "Managed service": "under a managed service the buyer manages service levels, not the daily work",
  BPO: "under BPO the buyer manages KPIs and keeps regulatory accountability",
  "Outcome-based": "outcome-based contracts need measurement and settle disputes over results",
};

export function costFrom(row: VendorRow, t: Tables, overlap: number): CostBreakdown {
  const a = t.a;
  const labour = row.hourlyRate * row.hours;
  const d = row.durationMonths;
  const need = t.overlapNeed[row.collaborationIntensity];
  const missing = Math.max(0, need - overlap);
  const productivityPct = Math.min(a.productivityMaxPct, t.productivityBasePct[row.locationModel] + a.productivityPctPerMissingHour * missing);
  const knowledgeMonths = Math.min(a.knowledgeLossMonths, d);

  const selectionShare = Math.min(1, 12 / d);
  const reworkPct = t.reworkPct[row.requirementsClarity];
  const changePct = t.changeRequestPct[row.pricingModel][row.requirementsClarity];
  const governancePct = t.governancePct[row.engagementModel];
  const travelPct = t.travelPct[row.locationModel];
  const securityPct = t.securityPct[row.dataSensitivity];

  const amounts = [
    labour * selectionShare * a.vendorSelectionPct,
    labour * a.transitionPct,
    labour * governancePct,
    labour * productivityPct,
    labour * reworkPct,
    labour * changePct,
    (labour * row.attrition * knowledgeMonths) / 12,
    labour * travelPct,
    labour * securityPct,
    row.replacesInHouseStaff ? labour * a.severancePct : 0,
  ];
  const explanations = [
    memoText(t, `c0|${selectionShare === 1}`, () =>
      selectionShare === 1
        ? `${percentText(a.vendorSelectionPct)} of labour to choose and contract the vendor (0.2-2% of annual contract value, CIO 2003).`
        : `${percentText(a.vendorSelectionPct)} of one year's labour to choose and contract the vendor (0.2-2% of annual contract value, CIO 2003).`,
    ),
    memoText(t, "c1", () => `${percentText(a.transitionPct)} of labour for transition and knowledge transfer before the vendor is productive.`),
    memoText(t, `c2|${row.engagementModel}`, () => `${percentText(governancePct)} of labour to manage the contract, because ${GOVERNANCE_WHY[row.engagementModel]}.`),
    memoText(t, `c3|${row.locationModel}|${need}|${overlap}`, () =>
      missing > 0
        ? `${percentText(productivityPct)} of labour lost: ${percentText(t.productivityBasePct[row.locationModel])} for ${row.locationModel.toLowerCase()} delivery plus ${percentText(a.productivityPctPerMissingHour)} for each of the ${hoursText(missing)} the ${hoursText(overlap)} overlap falls short of the ${hoursText(need)} this collaboration needs${productivityPct === a.productivityMaxPct ? " (capped)" : ""}.`
        : `${percentText(productivityPct)} of labour lost to distance and hand-offs for ${row.locationModel.toLowerCase()} delivery; the ${hoursText(overlap)} overlap covers the ${hoursText(need)} this collaboration needs.`,
    ),
    memoText(t, `c4|${row.requirementsClarity}`, () => `${percentText(reworkPct)} of labour redone because requirements clarity is ${row.requirementsClarity.toLowerCase()} (an assumption: no published rate exists).`),
    memoText(t, `c5|${row.pricingModel}|${row.requirementsClarity}`, () =>
      `${percentText(changePct)} of labour in change requests on ${row.pricingModel.toLowerCase()} terms with ${row.requirementsClarity.toLowerCase()} requirements clarity${row.pricingModel === "Fixed price" && row.requirementsClarity !== "High" ? ": every clarification becomes a priced change" : ""}.`,
    ),
    memoText(t, `c6|${row.attrition}|${knowledgeMonths}`, () =>
      `${percentText((row.attrition * knowledgeMonths) / 12)} of labour lost as ${percentText(row.attrition)} of the team leaves each year, each leaver costing ${Number(knowledgeMonths.toFixed(2))} months of output.`,
    ),
    memoText(t, `c7|${row.locationModel}`, () => `${percentText(travelPct)} of labour for visits, workshops and reviews with ${row.locationModel.toLowerCase()} delivery.`),
    memoText(t, `c8|${row.dataSensitivity}`, () => `${percentText(securityPct)} of labour for supplier assessment, access control and evidence reviews on ${row.dataSensitivity.toLowerCase()} data.`),
    memoText(t, `c9|${row.replacesInHouseStaff}`, () =>
      row.replacesInHouseStaff
        ? `${percentText(a.severancePct)} of labour for severance and retention of the in-house staff this replaces (3-5%, CIO 2003).`
        : "None: the engagement replaces no in-house staff.",
    ),
  ];
  const lines: CostLine[] = new Array(COST_LINES.length);
  let total = labour;
  for (let i = 0; i < COST_LINES.length; i++) {
    total += amounts[i];
    lines[i] = { key: COST_LINES[i].key, label: COST_LINES[i].label, amount: amounts[i], explanation: explanations[i] };
  }
  return { labour, lines, total, effectiveHourlyRate: row.hours > 0 ? total / row.hours : 0 };
}

/** Labour plus every hidden-cost line, each explained. */
export function totalCost(row: VendorRow, a: Assumptions): CostBreakdown {
  return costFrom(row, tablesFor(a), rowOverlapHours(row, a));
}
