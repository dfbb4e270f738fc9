// A rate and hours each valid on their own can multiply past the largest number a cell
// holds (about 1.8e308). Found by the property tests in fuzz.actions.test.ts: such a row
// wrote Infinity as its total cost and NaN as its risk score.
import { evaluateTable } from "../../src/actions/evaluate";
import { prepareForFinance } from "../../src/actions/finance";
import { DEFAULT_ASSUMPTIONS, evaluateCells, mapHeaders } from "../../src/model";
import { TABLE_NAME, workbookFor, type VendorTableSpec } from "../helpers/vendorTableArbitraries";

const TODAY = { year: 2026, month: 3, day: 16 };
const NOW = new Date("2026-03-16T10:00:00Z");
const ZONE = "Europe/Berlin";

describe("a rate times hours past the largest number a cell holds", () => {
  const headers = ["Vendor", "Hourly rate", "Hours"];
  const overflowing = [["Acme", 2, 1e308], ["Bigco", 1.7976931348623157e308, 1]];

  test("is a row error naming both cells, not an Infinity total or a NaN risk", () => {
    for (const row of overflowing) {
      const result = evaluateCells(row, mapHeaders(headers), DEFAULT_ASSUMPTIONS);
      expect(result).toMatchObject({ ok: false, error: { kind: "input", field: "Hourly rate" } });
      if (result && !result.ok) expect(result.error.message).toMatch(/^Hourly rate x Hours is too large to compute a total cost; got .+ x .+\. Check both cells$/);
    }
  });

  test("shows #VALUE! in evaluate's columns and 'Not evaluated' in finance's, with the row reported", async () => {
    const spec: VendorTableSpec = { headers, rows: [...overflowing, ["Fine Ltd", 40, 100]], build: "table", top: 0, left: 0 };
    const evaluated = await evaluateTable(await workbookFor(spec), TABLE_NAME, { today: TODAY, buyerTimeZone: ZONE });
    expect(evaluated.kind === "done" && evaluated.rowErrors.map((e) => e.tableRow)).toEqual([1, 2]);
    const prepared = await prepareForFinance(await workbookFor(spec), TABLE_NAME, { now: NOW, buyerTimeZone: ZONE });
    expect(prepared.kind === "done" && prepared.rowErrors.map((e) => e.tableRow)).toEqual([1, 2]);
    expect(prepared.kind === "done" && prepared.vendors.map((v) => v.vendor)).toEqual(["Fine Ltd"]);
  });
});

