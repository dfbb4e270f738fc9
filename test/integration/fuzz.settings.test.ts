// Crafted settings and long text through the workbook a file brings: whatever the add-in's
// stored settings hold (the finance summary's area, the charts it drew), the actions read only
// what the add-in could have written and ignore the rest with one line; a cell's long text
// never reaches a formula. The crafted cases first, then random ones.
import { mkdtempSync } from "fs";
import os from "os";
import path from "path";
import fc from "fast-check";
import JSZip from "jszip";
import { XMLParser } from "fast-xml-parser";
import { evaluateTable } from "../../src/actions/evaluate";
import { CHART_VENDOR_LIMIT, FINANCE_SETTING, prepareForFinance } from "../../src/actions/finance";
import { MAX_SUMMARY_RIGHT } from "../../src/actions/financeSummary";
import { mapByHand, MAPPING_SETTING_SCHEMA } from "../../src/actions/mapping";
import { financeSettingSchema } from "../../src/actions/storedSettings";
import { SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../../src/sample/vendors";
import { EXCEL_LIMITS, formulaProblem } from "../../src/workbook/limits";
import { MAPPING_SETTING } from "../../src/workbook/port";
import { CHARTS_SETTING, XlsxWorkbook } from "../../src/workbook/xlsx";
import { STORED_CHARTS_SCHEMA, type StoredChart } from "../../src/workbook/xlsxCharts";
import { runCli } from "../helpers/cli";

const NOW = new Date("2026-03-02T15:30:00Z");
const work = mkdtempSync(path.join(os.tmpdir(), "offshore-fuzz-settings-"));
const INJECTED = "<xdr:sp><xdr:txBody>injected</xdr:txBody></xdr:sp>";

/** The sample as a table, evaluated and prepared once, so it holds both settings. */
async function prepared(rows = SAMPLE_VENDOR_ROWS.map((r) => [...r])): Promise<XlsxWorkbook> {
  const wb = XlsxWorkbook.create();
  await wb.apply([
    { kind: "ensureSheet", sheet: "Quotes" },
    { kind: "createTable", sheet: "Quotes", address: "A1", name: "Vendors", headers: [...SAMPLE_VENDOR_HEADERS], rows: rows as never },
  ]);
  const evaluated = await evaluateTable(wb, "Vendors", { today: { year: 2026, month: 3, day: 2 }, buyerTimeZone: "America/New_York" });
  if (evaluated.kind !== "done") throw new Error(evaluated.message);
  const finance = await prepareForFinance(wb, "Vendors", { now: NOW, buyerTimeZone: "America/New_York" });
  if (finance.kind !== "done") throw new Error(finance.message);
  return wb;
}

async function setting(wb: XlsxWorkbook, key: string): Promise<unknown> {
  return JSON.parse((await wb.read({ settings: [key] })).settings[key]!);
}

/** Every drawing and chart part of a package: parsed, and free of `marker`. */
async function drawingParts(buffer: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(buffer);
  const names = Object.keys(zip.files).filter((n) => /^xl\/(drawings|charts)\/[^/]+\.xml$/.test(n));
  return Promise.all(names.map((n) => zip.file(n)!.async("string")));
}

const parser = new XMLParser({ ignoreAttributes: false });

// The checks must keep accepting what the add-in writes as the summary grows (the cost ranges
// widened its assumptions block): preparing again, in either mode, ignores nothing.
describe("settings the add-in writes", () => {
  test.each(["formulas", "values"] as const)("after preparing in %s mode, both settings pass their checks and preparing again ignores neither", async (mode) => {
    const wb = await prepared();
    for (const next of [mode, mode === "formulas" ? "values" : "formulas"] as const) {
      const outcome = await prepareForFinance(wb, "Vendors", { now: NOW, buyerTimeZone: "America/New_York", mode: next });
      if (outcome.kind !== "done") throw new Error(outcome.message);
      expect(outcome.notice ?? "").not.toMatch(/not one the add-in writes/);
      const stored = (await setting(wb, FINANCE_SETTING)) as { summaryArea: string };
      expect(stored.summaryArea).toBe(outcome.summaryArea);
      expect(financeSettingSchema(MAX_SUMMARY_RIGHT).safeParse(stored).success).toBe(true);
      expect(STORED_CHARTS_SCHEMA.safeParse(await setting(wb, CHARTS_SETTING)).success).toBe(true);
    }
  });
});

describe("the chart setting the add-in writes", () => {
  it("passes its check whole: a line per vendor up to the charts' vendor limit, the floating bars' unfilled base, every type", async () => {
    const duration = SAMPLE_VENDOR_HEADERS.indexOf("Duration (months)");
    const rows = Array.from({ length: CHART_VENDOR_LIMIT + 3 }, (_, i) =>
      SAMPLE_VENDOR_ROWS[i % SAMPLE_VENDOR_ROWS.length].map((v, c) => (c === 0 ? `Vendor ${i + 1}` : c === duration ? 30 : v)),
    );
    const wb = await prepared(rows);
    const stored = await setting(wb, CHARTS_SETTING);
    const parsed = STORED_CHARTS_SCHEMA.safeParse(stored);
    expect(parsed.success).toBe(true);
    // Nothing the add-in wrote is dropped by the check (an unknown key would be).
    expect(parsed.data).toEqual(stored);
    const charts = stored as StoredChart[];
    expect(charts.map((c) => c.chart.type).sort()).toEqual(["barStacked", "barStacked", "barStacked", "line", "xyScatter"]);
    expect(Math.max(...charts.map((c) => c.chart.series.length))).toBe(CHART_VENDOR_LIMIT);
    expect(charts.some((c) => c.chart.series.some((s) => s.noFill))).toBe(true);
    expect(wb.storedCharts()).toEqual(stored);
  }, 60_000);
});

describe("crafted settings", () => {
  test.each(["", "A1", "A1:", "garbage", "A1:A0", "B2:C3"])("a stored finance area of '%s' is refused by the check, which does not throw", async (summaryArea) => {
    const wb = await prepared();
    const stored = (await setting(wb, FINANCE_SETTING)) as Record<string, unknown>;
    expect(financeSettingSchema(MAX_SUMMARY_RIGHT).safeParse({ ...stored, summaryArea }).success).toBe(false);
  });

  test("a stored finance area of A1:XFD1048576 is ignored with one line, and the command line finishes", async () => {
    const wb = await prepared();
    const stored = (await setting(wb, FINANCE_SETTING)) as Record<string, unknown>;
    await wb.apply([{ kind: "setSetting", key: FINANCE_SETTING, value: JSON.stringify({ ...stored, summaryArea: "A1:XFD1048576" }) }]);
    const input = path.join(work, "huge-area.xlsx");
    await wb.save(input);
    const output = path.join(work, "huge-area.out.xlsx");
    const r = await runCli(NOW, [input, "--out", output]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out.filter((l) => /stored finance summary setting is not one the add-in writes/.test(l))).toHaveLength(1);
    const again = await XlsxWorkbook.open(output);
    expect((await setting(again, FINANCE_SETTING)) as Record<string, unknown>).toMatchObject({ summaryArea: expect.stringMatching(/^A1:[A-Z]{1,2}\d+$/) });
  }, 120_000);

  test.each([
    ["anchor rows", (c: StoredChart) => ({ ...c, anchor: { ...c.anchor, rows: `1</xdr:row>${INJECTED}<xdr:row>1` } })],
    ["anchor cell", (c: StoredChart) => ({ ...c, anchor: { ...c.anchor, cell: `A1"/>${INJECTED}` } })],
    ["chart type", (c: StoredChart) => ({ ...c, chart: { ...c.chart, type: `barStacked"/>${INJECTED}` } })],
    ["series range", (c: StoredChart) => ({ ...c, chart: { ...c.chart, categories: `A1</c:f>${INJECTED}<c:f>` } })],
  ])("a chart setting that would inject XML through its %s is ignored with one line; the drawing holds only what the add-in writes", async (_where, craft) => {
    const wb = await prepared();
    const charts = (await setting(wb, CHARTS_SETTING)) as StoredChart[];
    const crafted = { ...craft(charts[0]), name: "Another chart" };
    await wb.apply([{ kind: "setSetting", key: CHARTS_SETTING, value: JSON.stringify([...charts, crafted]) }]);
    const input = path.join(work, "chart.xlsx");
    await wb.save(input);
    const output = path.join(work, "chart.out.xlsx");
    const r = await runCli(NOW, [input, "--out", output, "--quiet"]);
    expect(r.code).toBe(0);
    const reopened = await XlsxWorkbook.open(output);
    const parts = await drawingParts(await reopened.toBuffer());
    expect(parts.length).toBeGreaterThan(0);
    for (const xml of parts) {
      expect(xml).not.toContain("injected");
      expect(() => parser.parse(xml)).not.toThrow();
    }
    const loud = await runCli(NOW, [input, "--out", output]);
    expect(loud.err.filter((l) => /stored chart setting is not one the add-in writes/.test(l))).toHaveLength(1);
  }, 120_000);
});

// The column mapping: the table's name in lower case, fields and output columns the add-in
// knows, headers a cell can hold. A mapping by hand ("Cost per hr" feeding Hourly rate) is
// the richest setting the add-in writes.
const BY_HAND_HEADERS = SAMPLE_VENDOR_HEADERS.map((h) => (h === "Hourly rate" ? "Cost per hr" : h));

async function mappedByHand(): Promise<XlsxWorkbook> {
  const wb = XlsxWorkbook.create();
  await wb.apply([
    { kind: "ensureSheet", sheet: "Quotes" },
    { kind: "createTable", sheet: "Quotes", address: "A1", name: "Vendors", headers: [...BY_HAND_HEADERS], rows: SAMPLE_VENDOR_ROWS.map((r) => [...r]) as never },
  ]);
  await mapByHand(wb, "Vendors", "hourlyRate", "Cost per hr");
  const evaluated = await evaluateTable(wb, "Vendors", { today: { year: 2026, month: 3, day: 2 }, buyerTimeZone: "America/New_York" });
  if (evaluated.kind !== "done") throw new Error(evaluated.message);
  const finance = await prepareForFinance(wb, "Vendors", { now: NOW, buyerTimeZone: "America/New_York" });
  if (finance.kind !== "done") throw new Error(finance.message);
  return wb;
}

describe("the stored column mapping", () => {
  test("what the add-in writes (a mapping by hand, its output columns, the finance key) passes the check, and evaluating again ignores nothing", async () => {
    const wb = await mappedByHand();
    const stored = (await setting(wb, MAPPING_SETTING)) as { tables: Record<string, { byHand: object; outputs: object; financeKey?: string }> };
    expect(stored.tables.vendors).toMatchObject({ byHand: { hourlyRate: "Cost per hr" }, outputs: { totalCost: "Total cost" }, financeKey: expect.any(String) });
    expect(MAPPING_SETTING_SCHEMA.safeParse(stored).success).toBe(true);
    const again = await evaluateTable(wb, "Vendors", { today: { year: 2026, month: 3, day: 2 }, buyerTimeZone: "America/New_York" });
    if (again.kind !== "done") throw new Error(again.message);
    expect(again.warnings.filter((w) => /not one the add-in writes/.test(w))).toEqual([]);
  });

  type Stored = { version: number; tables: Record<string, Record<string, unknown>> };
  test.each([
    ["a field the add-in does not know", (s: Stored) => ({ ...s, tables: { vendors: { ...s.tables.vendors, byHand: { hourlyRate: "Cost per hr", salary: "Cost per hr" } } } })],
    ["a table name not in lower case", (s: Stored) => ({ ...s, tables: { Vendors: s.tables.vendors } })],
    ["a header that is no text", (s: Stored) => ({ ...s, tables: { vendors: { ...s.tables.vendors, outputs: { totalCost: { "=1+1": true } } } } })],
    ["an output header longer than a cell holds", (s: Stored) => ({ ...s, tables: { vendors: { ...s.tables.vendors, outputs: { totalCost: "T".repeat(EXCEL_LIMITS.cellText + 1) } } } })],
    ["an empty header mapped by hand", (s: Stored) => ({ ...s, tables: { vendors: { ...s.tables.vendors, byHand: { hourlyRate: "" } } } })],
    ["a version the add-in never wrote", (s: Stored) => ({ ...s, version: 2 })],
    ["a property the add-in never wrote", (s: Stored) => ({ ...s, tables: { vendors: { ...s.tables.vendors, formula: "=HYPERLINK(1)" } } })],
    ["tables as a list", (s: Stored) => ({ ...s, tables: [s.tables.vendors] })],
  ])("a stored column mapping with %s is ignored with one line, and the command line finishes with a mapping the add-in writes", async (_what, craft) => {
    // Evaluated, not prepared: once prepared, the output columns read the summary, and only the
    // stored mapping says they are the add-in's (without it they are the user's, and kept).
    const wb = XlsxWorkbook.create();
    await wb.apply([
      { kind: "ensureSheet", sheet: "Quotes" },
      { kind: "createTable", sheet: "Quotes", address: "A1", name: "Vendors", headers: [...SAMPLE_VENDOR_HEADERS], rows: SAMPLE_VENDOR_ROWS.map((r) => [...r]) as never },
    ]);
    const evaluated = await evaluateTable(wb, "Vendors", { today: { year: 2026, month: 3, day: 2 }, buyerTimeZone: "America/New_York" });
    if (evaluated.kind !== "done") throw new Error(evaluated.message);
    const stored = { ...((await setting(wb, MAPPING_SETTING)) as Stored) };
    stored.tables = { vendors: { ...stored.tables.vendors, financeKey: "Finance row" } };
    await wb.apply([{ kind: "setSetting", key: MAPPING_SETTING, value: JSON.stringify(craft(stored)) }]);
    const input = path.join(work, "crafted-mapping.xlsx");
    await wb.save(input);
    const output = path.join(work, "crafted-mapping.out.xlsx");
    const r = await runCli(NOW, [input, "--out", output]);
    expect(r.err.filter((l) => !l.startsWith("Warning: "))).toEqual([]);
    expect(r.code).toBe(0);
    expect([...r.out, ...r.err].filter((l) => /stored column mapping setting is not one the add-in writes/.test(l))).toHaveLength(1);
    const again = await XlsxWorkbook.open(output);
    expect(MAPPING_SETTING_SCHEMA.safeParse(await setting(again, MAPPING_SETTING)).success).toBe(true);
  }, 120_000);

  test("any JSON as the stored column mapping: evaluate and prepare finish, say at most one line about it, and store a mapping the add-in writes", async () => {
    const base = await mappedByHand();
    const buffer = await base.toBuffer();
    const stored = (await setting(base, MAPPING_SETTING)) as Stored;
    const mutated = fc.oneof(
      fc.jsonValue(),
      fc.dictionary(fc.string(), fc.jsonValue()).map((byHand) => ({ ...stored, tables: { vendors: { ...stored.tables.vendors, byHand } } })),
      fc.dictionary(fc.string(), fc.jsonValue()).map((outputs) => ({ ...stored, tables: { vendors: { ...stored.tables.vendors, outputs } } })),
      fc.record({ financeKey: fc.oneof(fc.string(), fc.jsonValue()) }).map((m) => ({ ...stored, tables: { vendors: { ...stored.tables.vendors, ...m } } })),
    );
    await fc.assert(
      fc.asyncProperty(mutated, async (value) => {
        const wb = await XlsxWorkbook.fromBuffer(buffer);
        await wb.apply([{ kind: "setSetting", key: MAPPING_SETTING, value: JSON.stringify(value) }]);
        const evaluated = await evaluateTable(wb, "Vendors", { today: { year: 2026, month: 3, day: 2 }, buyerTimeZone: "America/New_York" });
        const lines = evaluated.kind === "done" ? evaluated.warnings : [evaluated.message];
        expect(lines.filter((l) => /stored column mapping setting/.test(l)).length).toBeLessThanOrEqual(1);
        const finance = await prepareForFinance(wb, "Vendors", { now: NOW, buyerTimeZone: "America/New_York" });
        expect(["done", "refused"]).toContain(finance.kind);
        if (evaluated.kind === "done") expect(MAPPING_SETTING_SCHEMA.safeParse(await setting(wb, MAPPING_SETTING)).success).toBe(true);
      }),
      { numRuns: 25 },
    );
  }, 300_000);
});

describe("random settings", () => {
  test("any JSON in either setting: prepare finishes, clears nothing beyond what it writes, and the charts stay valid", async () => {
    const base = await prepared();
    const buffer = await base.toBuffer();
    const stored = (await setting(base, FINANCE_SETTING)) as Record<string, unknown>;
    const charts = (await setting(base, CHARTS_SETTING)) as Record<string, unknown>[];
    const mutated = fc.oneof(
      fc.jsonValue(),
      fc.record({ summaryArea: fc.oneof(fc.string(), fc.constantFrom("A1:XFD1048576", "A1:ZZ999999", "B2:C3", "A1:A1")) }).map((m) => ({ ...stored, ...m })),
      fc.record({ rows: fc.oneof(fc.integer(), fc.string(), fc.constant(1e9)), columns: fc.oneof(fc.integer(), fc.string()) }).map((a) => [{ ...charts[0], name: "Other", anchor: { ...(charts[0].anchor as object), ...a } }]),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(FINANCE_SETTING, CHARTS_SETTING), mutated, async (key, value) => {
        const wb = await XlsxWorkbook.fromBuffer(buffer);
        await wb.apply([{ kind: "setSetting", key, value: JSON.stringify(value) }]);
        const outcome = await prepareForFinance(wb, "Vendors", { now: NOW, buyerTimeZone: "America/New_York" });
        expect(outcome.kind).toBe("done");
        expect(STORED_CHARTS_SCHEMA.safeParse(await setting(wb, CHARTS_SETTING)).success).toBe(true);
        for (const xml of await drawingParts(await wb.toBuffer())) expect(() => parser.parse(xml)).not.toThrow();
      }),
      { numRuns: 25 },
    );
  }, 300_000);
});

describe("long text", () => {
  test.each(["Hourly rate", "Pricing model", "Vendor", "Country"])("10,000 characters in every '%s' cell reach no formula, and every formula stays within Excel's limits", async (header) => {
    const c = (SAMPLE_VENDOR_HEADERS as readonly string[]).indexOf(header);
    const long = "Q".repeat(10_000);
    const wb = await prepared(SAMPLE_VENDOR_ROWS.map((r) => r.map((v, i) => (i === c ? long : v))) as never);
    for (const sheet of wb.workbook.worksheets)
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          const formula = (cell.value as { formula?: string } | null)?.formula;
          if (!formula) return;
          expect(formula).not.toContain("QQQQQQQQQQ");
          expect(formulaProblem(`=${formula}`)).toBe("");
        }),
      );
  });
});
