import { mapHeaders, type CellValue } from "../../../src/model";
import { DATE_SERIAL_MAX, DATE_SERIAL_MIN, OUTLIER_FACTOR, currencyOf, doubtfulValues } from "../../../src/model/plausibility";

const map = mapHeaders(["Vendor", "Hourly rate", "Hours"]);
const rows = (...rates: [CellValue, CellValue][]) => rates.map(([rate, hours], i) => [`V${i}`, rate, hours]);
const kinds = (cells: CellValue[][]) => doubtfulValues(cells, map).map((d) => `${d.kind}@${d.tableRows.join(",")}`);

describe("doubtful but legal vendor values", () => {
  it("a whole number in the date-serial span in Hourly rate reads as a date, with the date it would show", () => {
    const [doubt] = doubtfulValues(rows([45306, 100]), map, (r) => r + 1);
    expect(doubt.kind).toBe("date");
    expect(doubt.message).toBe(
      "Row 2: Hourly rate 45,306 looks like a date (2024-01-15): a date-formatted cell or a date typed in the rate column. Type the rate per hour as a number.",
    );
    expect(kinds(rows([DATE_SERIAL_MIN - 1, 100]))).toEqual([]);
    expect(kinds(rows([DATE_SERIAL_MAX, 100]))).toEqual([]);
    // Text is what was typed, not a date cell.
    expect(kinds(rows(["45306", 100]))).toEqual([]);
  });

  it("zero rate or zero hours is named, a blank or unparsable cell is left to the row's own error", () => {
    expect(kinds(rows([0, 100], [40, 0], ["$0", 100], [null, 100], ["TBD", 0]))).toEqual(["zero@1", "zero@2", "zero@3", "zero@5"]);
  });

  it("a rate more than the factor away from the median is far outside; three rates are too few to say", () => {
    const base: [CellValue, CellValue][] = [[40, 1], [44, 1], [46, 1]];
    expect(kinds(rows(...base, [46 * OUTLIER_FACTOR + 1, 1]))).toEqual(["outlier@4"]);
    expect(kinds(rows(...base, [3, 1]))).toEqual(["outlier@4"]);
    expect(kinds(rows(...base, [400, 1]))).toEqual([]);
    expect(kinds(rows([40, 1], [44, 1], [4000, 1]))).toEqual([]);
  });

  it("different currency marks in one column are one doubt naming the first row of each", () => {
    expect(currencyOf("$40")).toBe("$");
    expect(currencyOf("40 EUR")).toBe("€");
    expect(currencyOf("usd 40/h")).toBe("$");
    expect(currencyOf(40)).toBeNull();
    expect(currencyOf("40/h")).toBeNull();
    const doubts = doubtfulValues(rows(["$40", 1], ["$41", 1], ["€45", 1], ["45 GBP", 1]), map, (r) => r + 1);
    expect(doubts.map((d) => d.message)).toEqual([
      "Hourly rate mixes currencies: $ (row 2), € (row 4), £ (row 5). The rates are compared as one currency; convert them to one before ranking.",
    ]);
    expect(kinds(rows(["$40", 1], [41, 1], ["USD 42", 1]))).toEqual([]);
  });
});
