// The command line on quotes in several currencies: totals converted with the workbook's
// exchange-rate table, the reporting currency named, a stale rate warned about.
import { mkdtempSync } from "fs";
import os from "os";
import path from "path";
import { runCli } from "../helpers/cli";
import { evaluateTable } from "../../src/actions/evaluate";
import { ASSUMPTIONS_SHEET } from "../../src/workbook/port";
import { XlsxWorkbook } from "../../src/workbook/xlsx";

const work = mkdtempSync(path.join(os.tmpdir(), "offshore-cli-currency-"));
const NOW = new Date("2026-03-02T15:30:00Z");

it("prints totals in the reporting currency, says so, and warns about a rate older than the maximum age", async () => {
  const wb = XlsxWorkbook.create();
  await wb.apply([
    { kind: "ensureSheet", sheet: "Quotes" },
    {
      kind: "createTable",
      sheet: "Quotes",
      address: "A1",
      name: "Quotes",
      headers: ["Vendor", "Hourly rate", "Hours", "Currency", "Time zone"],
      rows: [
        ["Vistula Dev", 50, 4000, "EUR", "Europe/Warsaw"],
        ["Vistula Dollar", 54, 4000, "", "Europe/Warsaw"],
        ["Deccan Soft", 2400, 6000, "INR", "Asia/Kolkata"],
      ],
    },
  ]);
  await evaluateTable(wb, "Quotes", { today: { year: 2026, month: 3, day: 2 }, buyerTimeZone: "America/New_York" });
  await wb.apply([{ kind: "writeRange", sheet: ASSUMPTIONS_SHEET, address: "O2", cells: [["EUR", 1.08, "2026-02-27"], ["INR", 0.012, "2025-10-01"]] }]);
  const input = path.join(work, "currencies.xlsx");
  await wb.save(input);
  const r = await runCli(NOW, [input, "--out", path.join(work, "currencies.out.xlsx")]);
  expect(r.code).toBe(0);
  expect(r.err).toEqual([expect.stringMatching(/^Warning: The INR rate 0\.012 is valid on 2025-10-01, 152 days before 2026-03-02, older than the 90 days allowed/)]);
  expect(r.out).toContain(
    "Amounts are in USD (the assumption 'Reporting currency'); a rate in another currency is converted with the exchange-rate table on the sheet 'Offshore assumptions' (name OffshoreExchangeRates).",
  );
  // 50 EUR at 1.08 is 54 USD: the two Vistula rows cost the same.
  const total = (vendor: string) => r.out.find((l) => l.startsWith(vendor + " "))!.slice(vendor.length).trim().split(/\s+/)[0];
  expect(total("Vistula Dev")).toBe(total("Vistula Dollar"));
  expect(r.out.find((l) => l.startsWith("Deccan Soft"))).toBeDefined();
});

it("for multi-year engagements, prints each vendor's cost per contract year with its rate rising by its country's wage inflation or its cap", async () => {
  const wb = XlsxWorkbook.create();
  await wb.apply([
    { kind: "ensureSheet", sheet: "Quotes" },
    {
      kind: "createTable",
      sheet: "Quotes",
      address: "A1",
      name: "Quotes",
      headers: ["Vendor", "Hourly rate", "Hours", "Duration (months)", "Country", "Indexation cap"],
      rows: [
        ["Deccan Soft", 30, 18000, 36, "India", ""],
        ["Deccan Capped", 30, 18000, 36, "India", "3%"],
        ["Vistula Flat", 55, 6000, 36, "Poland", 0],
      ],
    },
  ]);
  const input = path.join(work, "term.xlsx");
  await wb.save(input);
  const r = await runCli(NOW, [input, "--out", path.join(work, "term.out.xlsx")]);
  expect(r.code).toBe(0);
  const start = r.out.findIndex((l) => l.startsWith("Cost by contract year, in USD"));
  expect(start).toBeGreaterThan(0);
  expect(r.out[start + 1]).toMatch(/^\s+Vendor\s+Rise\/yr\s+Year 1\s+Year 2\s+Year 3\s+Over the term\s+At today's rate$/);
  const cells = (vendor: string) => r.out.slice(start + 2).find((l) => l.trim().startsWith(vendor))!.trim().slice(vendor.length).trim().split(/\s+/);
  const numbers = (vendor: string) => cells(vendor).slice(1).map((c) => Number(c.replace(/,/g, "")));
  expect(cells("Deccan Soft")[0]).toBe("9.2%");
  expect(cells("Deccan Capped")[0]).toBe("3%");
  expect(cells("Vistula Flat")[0]).toBe("0%");
  const [y1, , y3, term, today] = numbers("Deccan Soft");
  const capped = numbers("Deccan Capped");
  // Same first year; by the third, two years of 9.2% against two of 3% (rounded to whole units).
  expect(capped[0]).toBe(y1);
  expect(y3 / capped[2]).toBeCloseTo((1.092 / 1.03) ** 2, 4);
  expect(term).toBeGreaterThan(today);
  const flat = numbers("Vistula Flat");
  expect(flat[3]).toBe(flat[4]);
});
