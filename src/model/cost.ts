/*
 * Total cost. Names in [brackets] are rows of the assumptions sheet; <Field> is the row's
 * value for that column; O = overlap hours (given); every percent is a fraction of labour.
 *
 *   labour               = <Hourly rate> * <Hours> * <exchange rate of <Currency>>
 *   vendorSelection      = labour * MIN(1, 12 / <Duration (months)>) * [Vendor selection %]
 *   transition           = labour * [Transition %]
 *   governance           = labour * [Governance % (<Engagement model>)]
 *   productivityLoss     = labour * MIN(1, [Productivity loss period (months)] / <Duration (months)>)
 *                            * MIN([Productivity loss % maximum],
 *                            [Productivity loss % (<Location model>)]
 *                            + [Productivity loss % per missing overlap hour]
 *                              * MAX(0, [Overlap need (<Collaboration intensity> collaboration)] - O))
 *   rework               = labour * [Rework % (<Requirements clarity> clarity)] * [Rework paid by buyer (<Pricing model>)]
 *   changeRequests       = labour * [Change request % (<Pricing model>, <Requirements clarity> clarity)]
 *   attritionKnowledgeLoss = labour * <Attrition> * MIN([Knowledge loss per departure (months)], <Duration (months)>) / 12
 *   travel               = labour * [Travel % (<Location model>)]
 *   securityCompliance   = labour * [Security % (<Data sensitivity>)]
 *   severanceRetention   = IF(<Replaces in-house staff>, labour * [Severance and retention %], 0)
 *   exitTransitionOut    = labour * MIN(1, 12 / <Duration (months)>) * [Exit and transition-out %]
 *   total                = labour + the eleven lines above
 *   effectiveHourlyRate  = IF(<Hours> > 0, total / <Hours>, 0)
 *
 * Why attrition reads so: a team of F people over D months loses F * attrition * D / 12
 * people, each costing K months of one person's labour (labour / (F * D) a month), which
 * is labour * attrition * K / 12 whatever the team size; K cannot exceed the duration.
 * Why productivity loss reads so: the Meta Group figure (CIO 2003) is a loss "in the first
 * two years", so it applies to the labour of the first months only, the labour being spread
 * evenly over the duration. Why rework reads so: under a fixed, per-unit or outcome price
 * the vendor delivers to the spec at its own cost (PRICING_ALLOCATION in assumptions.ts);
 * moved scope stays a change request the buyer pays under every pricing model.
 * Why vendor selection reads so: the CIO figure is a share of annual contract value, and
 * one year's labour is labour * 12 / D, or the whole labour for engagements under a year.
 * Why the exit reads so too: termination assistance runs for a stated period at the end,
 * priced on the service as it then runs (a year's labour), not on every year of the term.
 * Why labour reads so: every amount is in the reporting currency, and the rate converts at
 * the exchange-rate table's rate for the row's Currency (1 for the reporting currency), so
 * every line, a share of labour, is converted with it.
 * Lines are in this fixed order; explanations are built once per assumptions and category.
 */
import type { CostBreakdown, CostLine, VendorRow } from "./types";
import type { Assumptions } from "./assumptions";
import { get1, get2, get3, hoursText, memo, percentText, put1, put2, put3, tablesFor, type Tables } from "./tables";
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
  { key: "exitTransitionOut", label: "Exit and transition-out" },
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

// Text slots for the memo of each line's explanation.
const VENDOR_SELECTION = 0, TRANSITION = 1, GOVERNANCE = 2, PRODUCTIVITY = 3, REWORK = 4, CHANGES = 5, ATTRITION = 6, TRAVEL = 7, SECURITY = 8, SEVERANCE = 9, EXIT = 10;
const PRODUCTIVITY_PERIOD = 11;

function line(index: number, amount: number, explanation: string): CostLine {
  return { key: COST_LINES[index].key, label: COST_LINES[index].label, amount, explanation };
}

export function costFrom(row: VendorRow, t: Tables, overlap: number): CostBreakdown {
  const a = t.a;
  const labour = row.hourlyRate * row.hours * (row.exchange?.rate ?? 1);
  const d = row.durationMonths;
  const location = row.locationModel;
  const clarity = row.requirementsClarity;
  const need = t.overlapNeed[row.collaborationIntensity];
  const missing = Math.max(0, need - overlap);
  const productivityPct = Math.min(a.productivityMaxPct, t.productivityBasePct[location] + a.productivityPctPerMissingHour * missing);
  const knowledgeMonths = Math.min(a.knowledgeLossMonths, d);
  const selectionShare = Math.min(1, 12 / d);
  const periodShare = Math.min(1, a.productivityLossMonths / d);
  const reworkPct = t.reworkPct[clarity];
  const reworkShare = t.reworkBuyerShare[row.pricingModel];
  const changePct = t.changeRequestPct[row.pricingModel][clarity];
  const governancePct = t.governancePct[row.engagementModel];
  const travelPct = t.travelPct[location];
  const securityPct = t.securityPct[row.dataSensitivity];
  let m;

  const lines: CostLine[] = [
    line(VENDOR_SELECTION, labour * selectionShare * a.vendorSelectionPct,
      get1((m = memo(t, VENDOR_SELECTION)), selectionShare === 1) ??
        put1(m, selectionShare === 1, selectionShare === 1
          ? `${percentText(a.vendorSelectionPct)} of labour to choose and contract the vendor (0.2-2% of annual contract value, CIO 2003).`
          : `${percentText(a.vendorSelectionPct)} of one year's labour to choose and contract the vendor (0.2-2% of annual contract value, CIO 2003).`)),
    line(TRANSITION, labour * a.transitionPct,
      get1((m = memo(t, TRANSITION)), 0) ?? put1(m, 0, `${percentText(a.transitionPct)} of labour for transition and knowledge transfer before the vendor is productive.`)),
    line(GOVERNANCE, labour * governancePct,
      get1((m = memo(t, GOVERNANCE)), row.engagementModel) ??
        put1(m, row.engagementModel, `${percentText(governancePct)} of labour to manage the contract, because ${GOVERNANCE_WHY[row.engagementModel]}.`)),
    line(PRODUCTIVITY, labour * periodShare * productivityPct,
      productivityText(t, periodShare,
        get3((m = memo(t, PRODUCTIVITY)), location, need, overlap) ??
          put3(m, location, need, overlap, missing > 0
            ? `${percentText(productivityPct)} of labour lost: ${percentText(t.productivityBasePct[location])} for ${location.toLowerCase()} delivery plus ${percentText(a.productivityPctPerMissingHour)} for each of the ${hoursText(missing)} the ${hoursText(overlap)} overlap falls short of the ${hoursText(need)} this collaboration needs${productivityPct === a.productivityMaxPct ? " (capped)" : ""}`
            : `${percentText(productivityPct)} of labour lost to distance and hand-offs for ${location.toLowerCase()} delivery; the ${hoursText(overlap)} overlap covers the ${hoursText(need)} this collaboration needs`))),
    line(REWORK, labour * reworkPct * reworkShare,
      get2((m = memo(t, REWORK)), clarity, row.pricingModel) ??
        put2(m, clarity, row.pricingModel, reworkShare === 0
          ? `None paid by the buyer: under ${row.pricingModel.toLowerCase()} the vendor delivers to the spec and redoes its own work (${percentText(reworkPct)} of labour would be redone at ${clarity.toLowerCase()} requirements clarity).`
          : `${percentText(reworkPct * reworkShare)} of labour redone because requirements clarity is ${clarity.toLowerCase()}${reworkShare === 1 ? "" : ` (the buyer pays ${percentText(reworkShare)} of ${percentText(reworkPct)} under ${row.pricingModel.toLowerCase()})`} (an assumption: no published rate exists).`)),
    line(CHANGES, labour * changePct,
      get2((m = memo(t, CHANGES)), row.pricingModel, clarity) ??
        put2(m, row.pricingModel, clarity,
          `${percentText(changePct)} of labour in change requests for moved scope on ${row.pricingModel.toLowerCase()} terms with ${clarity.toLowerCase()} requirements clarity${row.pricingModel === "Fixed price" && clarity !== "High" ? ": every clarification becomes a priced change" : ""}.`)),
    line(ATTRITION, (labour * row.attrition * knowledgeMonths) / 12,
      get2((m = memo(t, ATTRITION)), row.attrition, knowledgeMonths) ??
        put2(m, row.attrition, knowledgeMonths,
          `${percentText((row.attrition * knowledgeMonths) / 12)} of labour lost as ${percentText(row.attrition)} of the team leaves each year, each leaver costing ${Number(knowledgeMonths.toFixed(2))} months of output.`)),
    line(TRAVEL, labour * travelPct,
      get1((m = memo(t, TRAVEL)), location) ?? put1(m, location, `${percentText(travelPct)} of labour for visits, workshops and reviews with ${location.toLowerCase()} delivery.`)),
    line(SECURITY, labour * securityPct,
      get1((m = memo(t, SECURITY)), row.dataSensitivity) ??
        put1(m, row.dataSensitivity, `${percentText(securityPct)} of labour for supplier assessment, access control and evidence reviews on ${row.dataSensitivity.toLowerCase()} data.`)),
    line(SEVERANCE, row.replacesInHouseStaff ? labour * a.severancePct : 0,
      get1((m = memo(t, SEVERANCE)), row.replacesInHouseStaff) ??
        put1(m, row.replacesInHouseStaff, row.replacesInHouseStaff
          ? `${percentText(a.severancePct)} of labour for severance and retention of the in-house staff this replaces (3-5%, CIO 2003).`
          : "None: the engagement replaces no in-house staff.")),
    line(EXIT, labour * selectionShare * a.exitPct,
      get1((m = memo(t, EXIT)), selectionShare === 1) ??
        put1(m, selectionShare === 1,
          `${percentText(a.exitPct)} of ${selectionShare === 1 ? "labour" : "one year's labour"} for the exit: termination assistance and the hand-over of knowledge, documents, code and data to the next provider or your own team (an assumption: no published rate exists).`)),
  ];
  let total = labour;
  for (let i = 0; i < lines.length; i++) total += lines[i].amount;
  return { labour, lines, total, effectiveHourlyRate: row.hours > 0 ? total / row.hours : 0 };
}

// "... needs" + "." when the whole labour falls in the loss period, else the months it covers.
function productivityText(t: Tables, periodShare: number, main: string): string {
  let m;
  return (
    get2((m = memo(t, PRODUCTIVITY_PERIOD)), main, periodShare) ??
    put2(m, main, periodShare, periodShare === 1
      ? `${main}.`
      : `${main}, on the ${percentText(periodShare)} of labour in the first ${Number(t.a.productivityLossMonths.toFixed(2))} months, after which the team is up to speed.`)
  );
}

/** Labour plus every hidden-cost line, each explained. */
export function totalCost(row: VendorRow, a: Assumptions): CostBreakdown {
  return costFrom(row, tablesFor(a), rowOverlapHours(row, a));
}
