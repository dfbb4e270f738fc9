import { evaluateCells, mapHeaders, parseAssumptions, readRow, totalCost, type Assumptions, type CellValue } from "../../../src/model";
import { currencyCode, exchangeFor, parseExchangeRates, staleRates, withExchangeRates, EXCHANGE_RATES_NAME } from "../../../src/model/currency";
import { costRange } from "../../../src/model/range";
import { portfolioSensitivity } from "../../../src/model/sensitivity";
import { assumptionsWith } from "./helpers";

const headers = ["Vendor", "Hourly rate", "Hours", "Currency"];
const map = mapHeaders(headers);

function rates(table: CellValue[][]) {
  const parsed = parseExchangeRates(table);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

// Reporting in US dollars on 2026-03-31, with a euro rate of 2026-03-01 and a rupee rate of 2025-10-01.
const base = assumptionsWith({ "Reference date": "2026-03-31" });
const table = rates([
  ["Currency", "Rate to the reporting currency", "Valid on"],
  ["EUR", 1.08, "2026-03-01"],
  ["inr", 0.012, "2025-10-01"],
]);
const a: Assumptions = withExchangeRates(base, table);

function row(cells: CellValue[], with_: Assumptions = a) {
  const read = readRow(cells, map, with_);
  if (read === null) throw new Error("blank");
  return read;
}

describe("currencies", () => {
  it("the Currency column is recognised by its header and its synonyms", () => {
    for (const h of ["Currency", "currency code", "Ccy", "Rate currency"]) expect(mapHeaders(["Hourly rate", "Hours", h]).columns.currency).toBe(2);
  });

  it("codes are ISO 4217, read in any case; anything else is no code", () => {
    expect(currencyCode(" eur ")).toBe("EUR");
    expect(currencyCode("INR")).toBe("INR");
    expect(currencyCode("EUX")).toBeUndefined();
    expect(currencyCode("€")).toBeUndefined();
    expect(currencyCode(978)).toBeUndefined();
  });

  it("a rate in another currency is converted to the reporting currency: labour and every line scale by the rate", () => {
    const inEur = row(["A", 50, 1000, "EUR"]);
    const inUsd = row(["B", 50 * 1.08, 1000, ""]);
    if (!inEur.ok || !inUsd.ok) throw new Error("unread");
    expect(inEur.value.hourlyRate).toBe(50);
    expect(inEur.value.exchange?.rate).toBe(1.08);
    const eur = totalCost(inEur.value, a);
    const usd = totalCost(inUsd.value, a);
    expect(eur.labour).toBeCloseTo(54_000, 6);
    expect(eur.total).toBeCloseTo(usd.total, 6);
    eur.lines.forEach((l, i) => expect(l.amount).toBeCloseTo(usd.lines[i].amount, 6));
    // The ranges and the tornado are in the reporting currency too.
    const r1 = costRange(inEur.value, a);
    const r2 = costRange(inUsd.value, a);
    expect(r1.low).toBeCloseTo(r2.low, 6);
    expect(r1.high).toBeCloseTo(r2.high, 6);
    expect(portfolioSensitivity([inEur.value], a)[0].swing).toBeCloseTo(portfolioSensitivity([inUsd.value], a)[0].swing, 6);
  });

  it("the reporting currency, named or blank, converts at 1 without a table row", () => {
    const named = row(["A", 50, 10, "usd"]);
    expect(named.ok && named.value.exchange).toBe(undefined);
    const eurReporting = withExchangeRates(assumptionsWith({ "Reference date": "2026-03-31", "Reporting currency": "eur" }), rates([]));
    const r = row(["A", 50, 10, "EUR"], eurReporting);
    expect(r.ok && totalCost(r.value, eurReporting).labour).toBe(500);
  });

  it("an unknown code is an error naming the value; a code without a rate names the code and where to add it", () => {
    const unknown = row(["A", 50, 10, "EUX"]);
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) {
      expect(unknown.error.field).toBe("Currency");
      expect(unknown.error.message).toBe("Currency must be an ISO 4217 code such as USD, EUR or INR; got 'EUX'");
    }
    const missing = row(["A", 50, 10, "GBP"]);
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.error.field).toBe("Currency");
      expect(missing.error.message).toContain("Currency GBP has no exchange rate to the reporting currency USD");
      expect(missing.error.message).toContain(EXCHANGE_RATES_NAME);
    }
    // Without any table, every foreign code is such an error: rates are never guessed.
    expect(evaluateCells(["A", 50, 10, "EUR"], map, base)?.ok).toBe(false);
  });

  it("a rate older than the maximum age is used and flagged, with its date and age; a fresh one is not", () => {
    const inr = row(["A", 2500, 10, "INR"]);
    expect(inr.ok && inr.value.exchange?.stale).toBe(
      `The INR rate 0.012 is valid on 2025-10-01, 181 days before 2026-03-31, older than the 90 days allowed (assumption 'Exchange rate maximum age (days)'): update it in the exchange-rate table on the assumptions sheet (name ${EXCHANGE_RATES_NAME}: Currency, Rate to the reporting currency, Valid on)`,
    );
    expect(inr.ok && totalCost(inr.value, a).labour).toBeCloseTo(300, 9);
    const eur = row(["A", 50, 10, "EUR"]);
    expect(eur.ok && eur.value.exchange?.stale).toBeUndefined();
    expect(staleRates(a)).toHaveLength(1);
    // The threshold is an assumption.
    const lenient = withExchangeRates(assumptionsWith({ "Reference date": "2026-03-31", "Exchange rate maximum age (days)": 365 }), table);
    expect(exchangeFor("INR", lenient).ok && staleRates(lenient)).toEqual([]);
  });

  it("the table refuses an unknown code, a rate that is not above 0, a missing date and a currency given twice, naming the row", () => {
    const bad = (t: CellValue[][]) => {
      const p = parseExchangeRates(t);
      return p.ok ? "" : p.error.message;
    };
    expect(bad([["EUX", 1.1, "2026-01-01"]])).toBe("Exchange rate row 1: 'EUX' is not an ISO 4217 currency code (such as USD, EUR, INR)");
    expect(bad([["EUR", 0, "2026-01-01"]])).toContain("Exchange rate row 1: the rate for EUR must be a number above 0");
    expect(bad([["EUR", "1,08", "2026-01-01"]])).toContain("must be a number above 0");
    expect(bad([[null, null, null], ["EUR", 1.08, null]])).toBe("Exchange rate row 2: the rate for EUR needs the date it is valid for (a date cell or YYYY-MM-DD); got nothing");
    expect(bad([["EUR", 1.08, "2026-02-30"]])).toContain("needs the date it is valid for");
    expect(bad([["EUR", 1.08, 46082], ["eur", 1.1, 46082]])).toBe("Exchange rate row 2: EUR is given twice; keep one rate per currency");
    expect(bad([["Currency", "Rate", "Valid on"], ["EUR", 1.08, 46082]])).toBe("");
  });

  it("Reporting currency and the maximum age are assumptions, checked like the others", () => {
    expect(parseAssumptions([["Reporting currency", "Euro"]]).ok).toBe(false);
    expect(parseAssumptions([["Exchange rate maximum age (days)", -1]]).ok).toBe(false);
    const p = parseAssumptions([["Reporting currency", "gbp"]]);
    expect(p.ok && p.value.reportingCurrency).toBe("GBP");
  });
});
