/*
 * The model as plain Excel formulas, for workbooks that must compute without the add-in
 * (finance opens them in Excel, Excel on the web or LibreOffice). Each formula here mirrors,
 * term for term, the block comment at the top of cost.ts, fit.ts and risk.ts; a test
 * recalculates them in LibreOffice and compares every number with the model.
 *
 * Only functions of Excel 2016 and earlier: IF, MIN, MAX, AND, NOT, SUM, SUMPRODUCT,
 * VLOOKUP, RANK. No LET, LAMBDA, XLOOKUP, IFS, MAXIFS, TEXTJOIN or FILTER.
 *
 * Formulas read a row's inputs as the model read them (normalised words such as
 * "Staff augmentation", numbers, TRUE/FALSE), from cells the caller names, and the
 * assumptions by name, through a lookup the caller provides, e.g.
 *   VLOOKUP("Governance % (" & <Engagement model> & ")", <name, value range>, 2, FALSE)
 * so a changed assumption moves every result. The range must apply the model's rule for a
 * blank or missing value (the default): the finance summary keeps such a block of values.
 * Overlap hours come from IANA time-zone rules no spreadsheet has: they are an input here. So
 * do the location model (typed, or derived from the zone by the same rules) and the work type
 * (the kind of work the row's text was read as).
 */
import { ASSUMPTION_BY_KEY, RISK_KEYS, pascal, type AssumptionKey } from "./assumptions";
import { COST_LINES, type CostLineKey } from "./cost";
import { RISK_DRIVERS, type RiskDriverKey } from "./risk";

/** A row's inputs, as the model read them. */
export type PortableInputKey =
  | "hourlyRate"
  | "hours"
  | "currency"
  | "exchangeRate"
  | "durationMonths"
  | "locationModel"
  | "engagementModel"
  | "pricingModel"
  | "requirementsClarity"
  | "collaborationIntensity"
  | "dataSensitivity"
  | "urgency"
  | "attrition"
  | "replacesInHouseStaff"
  | "securityCertified"
  | "workType"
  | "overlapHours";

/** What a row computes: labour, the cost lines, totals, fit, the risk drivers and score. */
export type PortableResultKey =
  | "labour"
  | CostLineKey
  | "totalCost"
  | "effectiveHourlyRate"
  | "requiredOverlap"
  | "fitScore"
  | "fitVerdict"
  | `risk.${RiskDriverKey}`
  | "riskScore"
  | "riskBand"
  | "riskLabel";

export interface PortableCells {
  /** Cell (A1, with a sheet prefix when elsewhere) holding an input of this row. */
  input(key: PortableInputKey): string;
  /** Cell holding a result of this row that a later formula builds on. */
  result(key: PortableResultKey): string;
  /** Formula text (no "=") for the value of the assumption whose name `nameExpression` yields. */
  assumption(nameExpression: string): string;
}

/** The assumption lookup every portable formula uses: by name in a (name, value) range. */
export function assumptionLookup(range: string): (nameExpression: string) => string {
  return (nameExpression) => `VLOOKUP(${nameExpression},${range},2,FALSE)`;
}

/**
 * A percentage read from the assumptions sheet by the model's rule (assumptionPercentFraction
 * in values.ts): a number is the fraction a percentage cell stores, unless it is above `max`
 * (the assumption's largest fraction), when it is a number of percent. Text and blanks pass
 * through as they are.
 */
export function percentFromCell(cell: string, max: number): string {
  return `IF(ISNUMBER(${cell}),IF(${cell}>${max},${cell}/100,${cell}),${cell})`;
}

/** An Excel string literal. */
export function excelText(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

type Builder = (c: PortableCells) => string;

// Assumption by fixed key, and assumption whose name embeds a category cell ("Rework % (" & X & " clarity)").
const fixed = (c: PortableCells, key: AssumptionKey): string => c.assumption(excelText(ASSUMPTION_BY_KEY[key].name));
const byCategory = (c: PortableCells, before: string, input: PortableInputKey, after: string): string =>
  c.assumption(`${excelText(before)}&${c.input(input)}&${excelText(after)}`);

const labourTimes = (c: PortableCells, factor: string): string => `${c.result("labour")}*${factor}`;

const overlapNeed = (c: PortableCells): string => byCategory(c, "Overlap need (", "collaborationIntensity", " collaboration)");

const COST_FORMULAS: Record<CostLineKey, Builder> = {
  vendorSelection: (c) => `${labourTimes(c, `MIN(1,12/${c.input("durationMonths")})`)}*${fixed(c, "vendorSelectionPct")}`,
  transition: (c) => labourTimes(c, fixed(c, "transitionPct")),
  governance: (c) => labourTimes(c, byCategory(c, "Governance % (", "engagementModel", ")")),
  productivityLoss: (c) =>
    labourTimes(
      c,
      `MIN(1,${fixed(c, "productivityLossMonths")}/${c.input("durationMonths")})*MIN(${fixed(c, "productivityMaxPct")},${byCategory(c, "Productivity loss % (", "locationModel", ")")}+${fixed(c, "productivityPctPerMissingHour")}*MAX(0,${overlapNeed(c)}-${c.input("overlapHours")}))`,
    ),
  rework: (c) => labourTimes(c, `${byCategory(c, "Rework % (", "requirementsClarity", " clarity)")}*${byCategory(c, "Rework paid by buyer (", "pricingModel", ")")}`),
  changeRequests: (c) =>
    labourTimes(c, c.assumption(`${excelText("Change request % (")}&${c.input("pricingModel")}&${excelText(", ")}&${c.input("requirementsClarity")}&${excelText(" clarity)")}`)),
  attritionKnowledgeLoss: (c) => `${c.result("labour")}*${c.input("attrition")}*MIN(${fixed(c, "knowledgeLossMonths")},${c.input("durationMonths")})/12`,
  travel: (c) => labourTimes(c, byCategory(c, "Travel % (", "locationModel", ")")),
  securityCompliance: (c) => labourTimes(c, byCategory(c, "Security % (", "dataSensitivity", ")")),
  severanceRetention: (c) => `IF(${c.input("replacesInHouseStaff")},${labourTimes(c, fixed(c, "severancePct"))},0)`,
  exitTransitionOut: (c) => `${labourTimes(c, `MIN(1,12/${c.input("durationMonths")})`)}*${fixed(c, "exitPct")}`,
};

const hiddenCost = (c: PortableCells): string => COST_LINES.map((l) => c.result(l.key)).join("+");

const RISK_FORMULAS: Record<RiskDriverKey, Builder> = {
  communication: (c) =>
    `MIN(100,${byCategory(c, "Communication risk (", "collaborationIntensity", " collaboration)")}+${fixed(c, "communicationPointsPerMissingHour")}*MAX(0,${c.result("requiredOverlap")}-${c.input("overlapHours")}))`,
  hiddenCost: (c) => `IF(${c.result("labour")}>0,MIN(100,100*(${hiddenCost(c)})/${c.result("labour")}/${fixed(c, "hiddenCostShareForFullRisk")}),0)`,
  scopeDrift: (c) =>
    `MIN(100,${byCategory(c, "Scope drift risk (", "requirementsClarity", " clarity)")}+${byCategory(c, "Scope drift risk (", "urgency", " urgency)")})`,
  dataCyber: (c) => `MAX(0,${byCategory(c, "Data risk (", "dataSensitivity", ")")}-IF(${c.input("securityCertified")},${fixed(c, "dataRiskCertificationCredit")},0))`,
  quality: (c) => `MIN(100,${byCategory(c, "Quality risk (", "requirementsClarity", " clarity)")}+${fixed(c, "qualityPointsPerAttrition")}*${c.input("attrition")})`,
  governanceGaps: (c) => byCategory(c, "Governance gap risk (", "engagementModel", ")"),
  dependency: (c) =>
    `MIN(100,${byCategory(c, "Dependency risk (", "engagementModel", ")")}+IF(${c.input("replacesInHouseStaff")},${fixed(c, "dependencyPointsReplacesStaff")},0)+MIN(${fixed(c, "dependencyDurationCapPoints")},${fixed(c, "dependencyPointsPerMonth")}*${c.input("durationMonths")}))`,
};

const RISK_WEIGHT_KEYS = RISK_KEYS.map((r) => `weight${pascal(r)}` as AssumptionKey);

function riskScoreFormula(c: PortableCells): string {
  const weights = RISK_WEIGHT_KEYS.map((k) => fixed(c, k));
  const scores = RISK_DRIVERS.map((d) => c.result(`risk.${d.key}`));
  const weightSum = weights.join("+");
  const weighted = `IF(${weightSum}>0,(${weights.map((w, i) => `${w}*${scores[i]}`).join("+")})/(${weightSum}),0)`;
  const floorRegulated = `IF(AND(${c.input("dataSensitivity")}="Regulated",NOT(${c.input("securityCertified")})),${fixed(c, "criticalRiskFrom")},0)`;
  const floorDriver = `IF(ROUND(MAX(${scores.join(",")}),6)>=${fixed(c, "criticalDriverScore")},${fixed(c, "highRiskFrom")},0)`;
  return `MIN(100,MAX(${weighted},${floorRegulated},${floorDriver}))`;
}

function riskBandFormula(c: PortableCells): string {
  const score = c.result("riskScore");
  return `IF(${score}>=${fixed(c, "criticalRiskFrom")},"Critical",IF(${score}>=${fixed(c, "highRiskFrom")},"High",IF(${score}>=${fixed(c, "mediumRiskFrom")},"Medium","Low")))`;
}

/** The band, naming a driver at or above the High threshold that a Low or Medium band would hide (riskLabelOf in risk.ts). */
function riskLabelFormula(c: PortableCells): string {
  const high = fixed(c, "highRiskFrom");
  const scores = RISK_DRIVERS.map((d) => c.result(`risk.${d.key}`));
  const top = `MAX(${scores.join(",")})`;
  // At 6 decimals, as reaches() in risk.ts: a driver that is exactly the threshold on paper.
  const count = scores.map((s) => `(ROUND(${s},6)>=${high})`).join("+");
  // The first driver at the maximum (at 6 decimals), in the documented order, as labelledDriver in risk.ts.
  const topName = RISK_DRIVERS.reduceRight((rest, d, i) => (i === RISK_DRIVERS.length - 1 ? excelText(d.label) : `IF(ROUND(${scores[i]},6)=ROUND(${top},6),${excelText(d.label)},${rest})`), "");
  const band = riskBandFormula(c);
  return `IF(OR(${c.result("riskScore")}>=${high},${count}=0),${band},${band}&" ("&IF(${count}=1,"one driver "&IF(ROUND(${top},6)>=${fixed(c, "criticalRiskFrom")},"Critical","High")&": ",(${count})&" drivers High or above, highest ")&${topName}&" "&ROUND(ROUND(${top},6),0)&")")`;
}

/** Every result's formula (without "="), keyed by result; mirrors cost.ts, fit.ts and risk.ts. */
export const PORTABLE_FORMULAS: Readonly<Record<PortableResultKey, Builder>> = {
  labour: (c) => `${c.input("hourlyRate")}*${c.input("hours")}*${c.input("exchangeRate")}`,
  ...COST_FORMULAS,
  totalCost: (c) => `${c.result("labour")}+${hiddenCost(c)}`,
  effectiveHourlyRate: (c) => `IF(${c.input("hours")}>0,${c.result("totalCost")}/${c.input("hours")},0)`,
  requiredOverlap: (c) =>
    `${overlapNeed(c)}+${byCategory(c, "Overlap extra (", "urgency", " urgency)")}+${byCategory(c, "Overlap extra (", "dataSensitivity", " data)")}`,
  fitScore: (c) => `IF(${c.result("requiredOverlap")}<=0,100,100*MIN(1,${c.input("overlapHours")}/${c.result("requiredOverlap")}))`,
  fitVerdict: (c) =>
    `IF(${c.input("overlapHours")}>=${c.result("requiredOverlap")},"Benefit",IF(AND(${c.result("requiredOverlap")}-${c.input("overlapHours")}<=${fixed(c, "shiftToleranceHours")},1-${c.result("effectiveHourlyRate")}/(${byCategory(c, "Onshore median hourly wage (", "workType", ")")}*${fixed(c, "onshoreLoadedCostMultiplier")})>=${fixed(c, "minTradeOffLeverage")}),"Trade-off","Blocker"))`,
  ...(Object.fromEntries(RISK_DRIVERS.map((d) => [`risk.${d.key}`, RISK_FORMULAS[d.key]])) as Record<`risk.${RiskDriverKey}`, Builder>),
  riskScore: riskScoreFormula,
  riskBand: riskBandFormula,
  riskLabel: riskLabelFormula,
};

/**
 * The total cost as one formula, every result it builds on (labour, the lines) written out in
 * place instead of read from a cell: for a total under other assumption values (an end of
 * the cost ranges, range.ts) that has no cells of its own for labour and the lines.
 */
export function inlineTotalCostFormula(c: Pick<PortableCells, "input" | "assumption">): string {
  const cells: PortableCells = { ...c, result: (key) => `(${PORTABLE_FORMULAS[key](cells)})` };
  return PORTABLE_FORMULAS.totalCost(cells);
}

/**
 * A row's rate to the reporting currency (currency.ts): 1 for a blank Currency or the
 * reporting currency, else the rate column of the exchange-rate table (`table`: code, rate,
 * valid on), looked up by code as VLOOKUP does, ignoring case. A code the table lacks is #N/A,
 * as the model refuses the row; the staleness of a rate is the add-in's warning, not a formula.
 */
export function exchangeRateFormula(currencyCell: string, reportingCurrency: string, table: string): string {
  return `IF(OR(${currencyCell}="",${currencyCell}=${reportingCurrency}),1,VLOOKUP(${currencyCell},${table},2,FALSE))`;
}

/** Formula text with its "=" for one result of one row. */
export function portableFormula(key: PortableResultKey, cells: PortableCells): string {
  return "=" + PORTABLE_FORMULAS[key](cells);
}

/** Functions newer than Excel 2016, which a portable formula must never use. */
export const NEWER_THAN_EXCEL_2016 = ["LET", "LAMBDA", "XLOOKUP", "XMATCH", "IFS", "MAXIFS", "MINIFS", "SWITCH", "TEXTJOIN", "CONCAT", "FILTER", "SORT", "UNIQUE", "SEQUENCE"] as const;
