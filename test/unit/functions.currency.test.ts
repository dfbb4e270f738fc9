// The exchange-rate table as the functions receive it: an optional range after the
// assumptions (after top for RISKDRIVERS), as Excel passes it (null when omitted).
import { dateToExcelSerial } from "../../src/model";
import type { CellValue } from "../../src/model";
import { costBreakdownCells, costRangeCells, fitDetailCells, locationFitCells, riskDriversCells, riskScoreCells, totalCostCells } from "../../src/functions/wrappers";
import { CustomFunctionsError, installCustomFunctionsRuntime } from "../helpers/customFunctionsRuntime";

installCustomFunctionsRuntime();

const HEADERS: CellValue[][] = [["Vendor", "Hourly rate", "Hours", "Currency", "Country"]];
const IN_EUR: CellValue[] = ["Vistula Dev", 50, 4000, "EUR", "Poland"];
const IN_USD: CellValue[] = ["Vistula Dev", 54, 4000, "", "Poland"];
const ASSUMPTIONS: CellValue[][] = [
  ["Buyer time zone", "Europe/London"],
  ["Reference date", dateToExcelSerial({ year: 2026, month: 3, day: 31 })],
];
const RATES: CellValue[][] = [
  ["EUR", 1.08, dateToExcelSerial({ year: 2026, month: 3, day: 2 })],
  ["INR", 0.012, "2025-06-30"],
  ["", "", ""],
];

const message = (v: unknown) => (v as CustomFunctionsError).message ?? "";

describe("exchange_rates", () => {
  it("TOTALCOST and COSTRANGE convert a row in another currency to the reporting currency", () => {
    const [[eur]] = totalCostCells([IN_EUR], HEADERS, ASSUMPTIONS, RATES);
    const [[usd]] = totalCostCells([IN_USD], HEADERS, ASSUMPTIONS, RATES);
    expect(eur as number).toBeCloseTo(usd as number, 6);
    const [range] = costRangeCells([IN_EUR], HEADERS, ASSUMPTIONS, RATES);
    const [usdRange] = costRangeCells([IN_USD], HEADERS, ASSUMPTIONS, RATES);
    range.forEach((v, i) => expect(v as number).toBeCloseTo(usdRange[i] as number, 6));
  });

  it("without the table, a row in another currency is that row's #VALUE! naming the code and where to add its rate; the others compute", () => {
    const out = totalCostCells([IN_EUR, IN_USD], HEADERS, ASSUMPTIONS, null);
    expect(out[0][0]).toBeInstanceOf(CustomFunctionsError);
    expect(message(out[0][0])).toContain("Currency EUR has no exchange rate to the reporting currency USD");
    expect(message(out[0][0])).toContain("OffshoreExchangeRates");
    expect(typeof out[1][0]).toBe("number");
    for (const fn of [riskScoreCells, locationFitCells, fitDetailCells, costRangeCells]) expect(fn([IN_EUR], HEADERS, ASSUMPTIONS, RATES)[0][0]).not.toBeInstanceOf(CustomFunctionsError);
    expect(riskDriversCells([IN_EUR], HEADERS, ASSUMPTIONS, 2, RATES)[0][0]).not.toBeInstanceOf(CustomFunctionsError);
  });

  it("a bad table makes the whole formula #VALUE!, naming the row", () => {
    expect(() => totalCostCells([IN_USD], HEADERS, ASSUMPTIONS, [["EUR", -1, 46000]])).toThrow(/Exchange rate row 1: the rate for EUR must be a number above 0/);
    expect(() => totalCostCells([IN_USD], HEADERS, ASSUMPTIONS, "EUR")).toThrow(/exchange_rates must be a three-column range/);
  });

  it("COSTBREAKDOWN says the currency of its amounts, how the rate was converted, and flags a stale rate", () => {
    const lines = costBreakdownCells([IN_EUR], HEADERS, ASSUMPTIONS, RATES);
    expect(lines[0][2]).toBe("Hourly rate 50 EUR x 4000 hours x 1.08 USD per EUR (rate valid on 2026-03-02), in USD");
    expect(lines[0][1] as number).toBeCloseTo(50 * 4000 * 1.08, 6);
    expect(lines.find((l) => l[0] === "Total cost")?.[2]).toBe("Labour plus every hidden-cost line above, in USD");
    expect(lines.find((l) => l[0] === "Effective hourly rate")?.[2]).toBe("Total cost divided by hours, in USD per hour");
    const stale = costBreakdownCells([["Deccan Soft", 2500, 6000, "INR", "India"]], HEADERS, ASSUMPTIONS, RATES);
    expect(stale[0][2]).toMatch(/^Hourly rate 2500 INR x 6000 hours x 0.012 USD per INR \(rate valid on 2025-06-30\), in USD\. Stale rate: The INR rate 0.012 is valid on 2025-06-30, 274 days before 2026-03-31, older than the 90 days allowed/);
    // A row in the reporting currency names it too.
    expect(costBreakdownCells([IN_USD], HEADERS, ASSUMPTIONS)[0][2]).toBe("Hourly rate 54 x 4000 hours, in USD");
  });
});
