// The model's public interface: pure functions over typed rows and assumptions.
export * from "./types";
export { FIELDS, normaliseHeader, mapHeaders, fieldForHeader, type FieldSpec } from "./fields";
export { isBlankRow, readRow, CATEGORY_DEFAULTS } from "./row";
export {
  ASSUMPTIONS,
  ASSUMPTION_BY_KEY,
  DEFAULT_ASSUMPTIONS,
  RISK_KEYS,
  parseAssumptions,
  type AssumptionKey,
  type AssumptionKind,
  type AssumptionRange,
  type AssumptionSpec,
  type Assumptions,
  type RiskKey,
} from "./assumptions";
export { totalCost, COST_LINES, type CostLineKey } from "./cost";
export { costRange, costAt, rangeEnd, assumptionsAt, RANGED_ASSUMPTIONS, type CostRange, type RangeEnd } from "./range";
export { sensitivity, portfolioSensitivity, sensitivities, sensitivitySentence, overlappingRanges, type Sensitivity } from "./sensitivity";
export { requiredOverlapHours, rowOverlapHours, onshoreReferenceRate } from "./fit";
export { workTypeOf } from "./worktype";
export { vendorLocation, type VendorLocation } from "./location";
export { riskScore, bandOf, riskLabelOf, hasSecurityCertification, countedCertifications, uncountedCertifications, readCertification, NOT_HELD_WORDS, RISK_DRIVERS, SECURITY_CERTIFICATION_KEYWORDS, type RiskDriverKey } from "./risk";
export {
  currencyCode,
  exchangeFor,
  parseExchangeRates,
  staleRates,
  withExchangeRates,
  EXCHANGE_RATES_NAME,
  EXCHANGE_RATE_HEADERS,
  NO_EXCHANGE_RATES,
  type ExchangeRate,
  type ExchangeRates,
  type RowExchange,
} from "./currency";
export { costOverTerm, wageInflationFor, type CostOverTerm, type CostYear } from "./term";
export { evaluateRow, evaluateCells, locationFit } from "./evaluate";
export {
  resolveZone,
  overlapHours,
  overlap,
  excelSerialToDate,
  addDays,
  addMonths,
  dateToExcelSerial,
  toHourOfDay,
  todayUtc,
  windowLength,
  countryCode,
  utcOffsetHoursOn,
  zoneCountry,
  type CalendarDate,
} from "./zones";
export { referenceDateOf } from "./reference";
export { categoryKey, parseNumberCell, parseBooleanCell } from "./values";
export {
  evaluateOption,
  evaluateOptions,
  groupOptions,
  isRateCard,
  optionConflict,
  optionName,
  optionRow,
  ENGAGEMENT_FIELDS,
  ENGAGEMENT_LINES,
  type OptionEvaluation,
  type OptionGroup,
} from "./rateCard";
