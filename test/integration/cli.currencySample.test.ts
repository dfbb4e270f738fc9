// The multi-currency rate-card sample (assets/sample-rate-card-currencies.xlsx, written by
// scripts/make-sample.ts): three vendors quoting four roles each in rupees, euros and dollars,
// with the buyer's exchange rates on the assumptions sheet. The command line converts each
// rate with the workbook's table: the sample costs exactly what the same quotes converted to
// dollars beforehand cost, and not what its rates would cost read as dollars.
import { mkdtempSync } from "fs";
import os from "os";
import path from "path";
import { runCli } from "../helpers/cli";
import { EXCHANGE_COLUMN } from "../../src/actions/evaluate";
import { dateToExcelSerial } from "../../src/model/zones";
import {
  CURRENCY_CARD_DATE,
  CURRENCY_CARD_HEADERS,
  CURRENCY_CARD_RATES,
  CURRENCY_CARD_ROWS,
  CURRENCY_CARD_SHEET_NAME,
  CURRENCY_CARD_TABLE_NAME,
} from "../../src/sample/rateCardCurrencies";
import { cellAddress } from "../../src/workbook/address";
import { ASSUMPTIONS_SHEET } from "../../src/workbook/port";
import { XlsxWorkbook } from "../../src/workbook/xlsx";

const SAMPLE = path.resolve(__dirname, "..", "..", "assets", "sample-rate-card-currencies.xlsx");
const work = mkdtempSync(path.join(os.tmpdir(), "offshore-currency-sample-"));
// A week after the rates' date: within the maximum age, so no rate is stale.
const NOW = new Date("2026-03-06T15:30:00Z");
const column = (header: string) => CURRENCY_CARD_HEADERS.indexOf(header as (typeof CURRENCY_CARD_HEADERS)[number]);
const VENDORS = [...new Set(CURRENCY_CARD_ROWS.map((r) => String(r[column("Vendor")])))];

/** Each vendor's Total cost and Per hour as the command line prints them. */
function printed(out: readonly string[]): Record<string, [string, string]> {
  return Object.fromEntries(
    VENDORS.map((v) => {
      const line = out.find((l) => l.startsWith(v + " "));
      if (!line) throw new Error(`no line for ${v}`);
      const cells = line.slice(v.length).trim().split(/\s{2,}/);
      return [v, [cells[0], cells[1]]];
    }),
  );
}

/** The sample with each row's Hourly rate and Currency replaced. */
async function variant(name: string, cell: (row: readonly unknown[]) => [number, string]): Promise<string> {
  const wb = await XlsxWorkbook.open(SAMPLE);
  const cells = CURRENCY_CARD_ROWS.map((r) => cell(r));
  await wb.apply([{ kind: "writeRange", sheet: CURRENCY_CARD_SHEET_NAME, address: cellAddress(1, column("Hourly rate")), cells }]);
  const file = path.join(work, name);
  await wb.save(file);
  return file;
}

it("the committed sample holds the readable RFP (three vendors, four roles each, three currencies) and the buyer's rates, dated", async () => {
  const wb = await XlsxWorkbook.open(SAMPLE);
  expect((await wb.listTables()).map((t) => [t.name, t.sheet])).toEqual([[CURRENCY_CARD_TABLE_NAME, CURRENCY_CARD_SHEET_NAME]]);
  const read = await wb.read({ table: { name: CURRENCY_CARD_TABLE_NAME, values: true }, sheets: [ASSUMPTIONS_SHEET] });
  expect(read.table!.headers).toEqual([...CURRENCY_CARD_HEADERS]);
  const blankAsNull = (rows: readonly (readonly unknown[])[]) => rows.map((r) => r.map((v) => (v === "" || v === undefined ? null : v)));
  expect(blankAsNull(read.table!.rows!)).toEqual(blankAsNull(CURRENCY_CARD_ROWS));
  expect(VENDORS).toHaveLength(3);
  for (const v of VENDORS) expect(CURRENCY_CARD_ROWS.filter((r) => r[column("Vendor")] === v)).toHaveLength(4);
  expect(new Set(CURRENCY_CARD_ROWS.map((r) => r[column("Currency")]))).toEqual(new Set(["INR", "EUR", "USD"]));
  const sheet = read.sheets[ASSUMPTIONS_SHEET]!;
  const rates = sheet.values.slice(1, 1 + CURRENCY_CARD_RATES.length).map((r) => r.slice(EXCHANGE_COLUMN, EXCHANGE_COLUMN + 3));
  expect(rates).toEqual(CURRENCY_CARD_RATES.map(([code, rate]) => [code, rate, dateToExcelSerial(CURRENCY_CARD_DATE)]));
});

it("the command line converts every quote with the sheet's rates: the same totals as the quotes converted to dollars first, and not those of the rates read as dollars", async () => {
  const r = await runCli(NOW, [SAMPLE, "--out", path.join(work, "sample.out.xlsx")]);
  expect(r.err).toEqual([]);
  expect(r.code).toBe(0);
  expect(r.out).toContain(
    `Amounts are in USD (the assumption 'Reporting currency'); a rate in another currency is converted with the exchange-rate table on the sheet '${ASSUMPTIONS_SHEET}' (name OffshoreExchangeRates).`,
  );
  const toUsd = new Map<string, number>([...CURRENCY_CARD_RATES, ["USD", 1]]);
  const rate = column("Hourly rate");
  const currency = column("Currency");
  expect(currency).toBe(rate + 1);
  const inDollars = await variant("dollars.xlsx", (row) => [Number(row[rate]) * toUsd.get(String(row[currency]))!, "USD"]);
  const converted = await runCli(NOW, [inDollars, "--out", path.join(work, "dollars.out.xlsx")]);
  expect(converted.code).toBe(0);
  expect(printed(r.out)).toEqual(printed(converted.out));

  const asDollars = await variant("as-dollars.xlsx", (row) => [Number(row[rate]), "USD"]);
  const unconverted = await runCli(NOW, [asDollars, "--out", path.join(work, "as-dollars.out.xlsx")]);
  const [sample, raw] = [printed(r.out), printed(unconverted.out)];
  for (const v of VENDORS) {
    const quoted = String(CURRENCY_CARD_ROWS.find((row) => row[column("Vendor")] === v)![currency]);
    if (quoted === "USD") expect(sample[v]).toEqual(raw[v]);
    else expect(sample[v]).not.toEqual(raw[v]);
    // The blended rate is as quoted, beside Per hour in dollars: another currency is named; the
    // reporting currency is not, as no amount in it is.
    const line = r.out.find((l) => l.startsWith(v + " "))!;
    expect(line).toMatch(new RegExp(`\\s4\\s+${quoted === "USD" ? "" : quoted + " "}[\\d,]+\\.\\d\\d$`));
  }
}, 120_000);
