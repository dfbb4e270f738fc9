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
      "Hourly rate mixes currencies: $ (row 2), € (row 4), £ (row 5). The rates are compared as one currency: add a Currency column with each rate's ISO 4217 code (USD, EUR...) and give each code a rate in the exchange-rate table on the assumptions sheet, or convert them to one before ranking.",
    ]);
    expect(kinds(rows(["$40", 1], [41, 1], ["USD 42", 1]))).toEqual([]);
  });

  it("with a Currency column, marks agreeing with each row's code are no doubt; a mark the code contradicts is named on its row", () => {
    const withCurrency = mapHeaders(["Vendor", "Hourly rate", "Hours", "Currency"]);
    const agreeing = [["A", "$40", 1, "USD"], ["B", "€45", 1, "EUR"], ["C", "£38", 1, "gbp"], ["D", "$50", 1, "CAD"]];
    expect(doubtfulValues(agreeing, withCurrency)).toEqual([]);
    const contradicting = [["A", "$40", 1, "USD"], ["B", "€45", 1, "GBP"]];
    expect(doubtfulValues(contradicting, withCurrency, (r) => r + 1).map((d) => d.message)).toEqual([
      "Row 3: Hourly rate €45 is marked € but Currency says GBP; the rate is converted as GBP. Check which is right.",
    ]);
    // Rows without a code still mix: they are the ones compared as one currency.
    const blanks = [["A", "$40", 1, null], ["B", "€45", 1, ""], ["C", "£38", 1, "GBP"]];
    expect(doubtfulValues(blanks, withCurrency).map((d) => d.kind)).toEqual(["currencies"]);
    expect(doubtfulValues(blanks, withCurrency)[0].message).toContain("The rates without a Currency code are compared as one currency: fill in the Currency column");
  });

  it("with a Currency column, a rate is judged far outside only among rates in its own currency", () => {
    const withCurrency = mapHeaders(["Vendor", "Hourly rate", "Hours", "Currency"]);
    const usd = [40, 44, 46, 42].map((r, i) => [`U${i}`, r, 1, "USD"]);
    const inr = [2500, 2600, 2700, 2800].map((r, i) => [`I${i}`, r, 1, "INR"]);
    expect(doubtfulValues([...usd, ...inr], withCurrency)).toEqual([]);
    // The same numbers without the column are one currency, and the rupee rates stand out.
    expect(doubtfulValues([...usd, ...inr].map((r) => r.slice(0, 3)), map).map((d) => d.kind)).toEqual(["outlier", "outlier", "outlier", "outlier"]);
  });
});
