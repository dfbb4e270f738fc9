// The finance summary's native charts (cost breakdown per vendor as stacked bars, risk
// against total cost as a scatter), drawn by every adapter from one description: the memory
// workbook records them, the Excel adapter draws them through Office.js (on the counting
// fake), and the xlsx adapter adds DrawingML parts that LibreOffice, an independent reader,
// opens as real charts over the summary's cells.
import { execFile } from "child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import JSZip from "jszip";
import { CHART_VENDOR_LIMIT, financeCharts, prepareForFinance, SUMMARY_COLUMNS, SUMMARY_HEADER_ROW, SUMMARY_SHEET, type FinanceOutcome } from "../../src/actions/finance";
import { main } from "../../src/cli/main";
import { COST_LINES } from "../../src/model/cost";
import { SAMPLE_TABLE_NAME, SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../../src/sample/vendors";
import { parseCell, parseRange } from "../../src/workbook/address";
import { ExcelWorkbook } from "../../src/workbook/excel";
import { MemoryWorkbook } from "../../src/workbook/memory";
import type { WorkbookChange } from "../../src/workbook/port";
import { XlsxWorkbook } from "../../src/workbook/xlsx";
import { chartReference } from "../../src/workbook/xlsxCharts";
import { sampleChanges } from "../../scripts/make-sample";
import { FakeExcel } from "./fakes/fakeExcel";
import { readWorkbook, requireLibreOffice, shown, SOFFICE } from "./xlsx-libreoffice";

const NOW = new Date("2026-03-02T15:30:00Z");
const ZONE = "America/New_York";
const VENDORS = SAMPLE_VENDOR_ROWS.length;
/** Labour, then every cost line: the stacked bars add up to the total cost. */
const COST_SERIES = 1 + COST_LINES.length;
const work = mkdtempSync(path.join(os.tmpdir(), "offshore-charts-"));

function done(outcome: FinanceOutcome): Extract<FinanceOutcome, { kind: "done" }> {
  if (outcome.kind !== "done") throw new Error(outcome.message);
  return outcome;
}

const USER_CHART: WorkbookChange = {
  kind: "setChart",
  sheet: SUMMARY_SHEET,
  name: "My own chart",
  chart: { title: "Mine", type: "xyScatter", categories: "BA1:BA3", series: [{ name: "Mine", values: "BB1:BB3" }] },
  anchor: { cell: "BD1", columns: 3, rows: 5 },
};

describe("the finance charts in the pane's preview (memory workbook)", () => {
  it("prepare draws the stacked cost bars (labour and every cost line, one bar per vendor) and the risk-against-cost scatter over the summary's cells", async () => {
    const workbook = new MemoryWorkbook();
    await workbook.apply(sampleChanges());
    const outcome = done(await prepareForFinance(workbook, SAMPLE_TABLE_NAME, { now: NOW, buyerTimeZone: ZONE }));
    const charts = workbook.chartsOn(SUMMARY_SHEET);
    expect(charts.map((c) => c.chart.type)).toEqual(["barStacked", "xyScatter"]);
    const [bars, scatter] = charts;
    const first = SUMMARY_HEADER_ROW + 2;
    const last = SUMMARY_HEADER_ROW + 1 + outcome.vendors.length;
    expect(bars.chart.categories).toBe(`A${first}:A${last}`);
    expect(bars.chart.series.map((s) => s.name)).toEqual(["Labour (rate x hours)", ...COST_LINES.map((l) => l.label)]);
    expect(bars.chart.series).toHaveLength(COST_SERIES);
    // Each series is its summary column, over the vendor rows.
    for (const s of bars.chart.series) {
      const column = SUMMARY_COLUMNS.findIndex((c) => c.header === s.name);
      const range = parseRange(s.values);
      expect([range.left, range.right, range.top + 1, range.bottom + 1]).toEqual([column, column, first, last]);
    }
    const header = (range: string) => SUMMARY_COLUMNS[parseRange(range).left].header;
    expect(header(scatter.chart.categories)).toBe("Total cost");
    expect(scatter.chart.series.map((s) => header(s.values))).toEqual(["Risk score"]);
  });

  it("the charts sit below the vendor rows over empty cells, and the summary's note says they are there", async () => {
    const workbook = new MemoryWorkbook();
    await workbook.apply(sampleChanges());
    done(await prepareForFinance(workbook, SAMPLE_TABLE_NAME, { now: NOW, buyerTimeZone: ZONE }));
    const summary = (await workbook.read({ sheets: [SUMMARY_SHEET] })).sheets[SUMMARY_SHEET]!;
    const origin = parseCell(summary.origin);
    const filled = (row: number, column: number) => {
      const v = summary.values[row - origin.row]?.[column - origin.column];
      return v !== null && v !== undefined && v !== "";
    };
    const areas = workbook.chartsOn(SUMMARY_SHEET).map((c) => ({ ...parseCell(c.anchor.cell), rows: c.anchor.rows, columns: c.anchor.columns }));
    for (const a of areas) {
      expect(a.row).toBeGreaterThan(SUMMARY_HEADER_ROW + VENDORS);
      for (let r = a.row; r < a.row + a.rows; r++) for (let c = a.column; c < a.column + a.columns; c++) expect(filled(r, c)).toBe(false);
    }
    // Side by side, not on top of each other.
    expect(areas[1].column).toBeGreaterThanOrEqual(areas[0].column + areas[0].columns);
    expect(String(summary.values[4][0])).toMatch(/^Charts below the vendor rows: 'Cost breakdown per vendor'/);
  });

  it("with more vendors than a chart can show, the charts cover the first ones in table order and the note says how many", async () => {
    const many = CHART_VENDOR_LIMIT + 25;
    const workbook = new MemoryWorkbook();
    const rows = Array.from({ length: many }, (_, i) => SAMPLE_VENDOR_ROWS[i % VENDORS].map((v, c) => (c === 0 ? `Vendor ${i + 1}` : v)));
    await workbook.apply([
      { kind: "ensureSheet", sheet: "Quotes" },
      { kind: "createTable", sheet: "Quotes", address: "A1", name: "Quotes", headers: [...SAMPLE_VENDOR_HEADERS], rows: rows.map((r) => r.map((v) => (v === undefined ? null : v))) },
    ]);
    const outcome = done(await prepareForFinance(workbook, "Quotes", { now: NOW, buyerTimeZone: ZONE }));
    expect(outcome.vendors).toHaveLength(many);
    const [bars, scatter] = workbook.chartsOn(SUMMARY_SHEET);
    const first = SUMMARY_HEADER_ROW + 2;
    const last = first + CHART_VENDOR_LIMIT - 1;
    expect(bars.chart.categories).toBe(`A${first}:A${last}`);
    for (const s of [...bars.chart.series, ...scatter.chart.series]) expect(parseRange(s.values).bottom + 1).toBe(last);
    const summary = (await workbook.read({ sheets: [SUMMARY_SHEET] })).sheets[SUMMARY_SHEET]!;
    expect(String(summary.values[4][0])).toMatch(new RegExp(`^The charts show the first ${CHART_VENDOR_LIMIT} of the ${many} vendors`));
  });

  it("preparing again replaces the two charts (new ranges for fewer vendors), never adds more, and leaves the user's chart alone", async () => {
    const workbook = new MemoryWorkbook();
    await workbook.apply(sampleChanges());
    done(await prepareForFinance(workbook, SAMPLE_TABLE_NAME, { now: NOW, buyerTimeZone: ZONE }));
    await workbook.apply([USER_CHART]);
    const read = await workbook.read({ table: { name: SAMPLE_TABLE_NAME } });
    const rate = read.table!.headers.indexOf("Hourly rate");
    await workbook.apply([{ kind: "writeRange", sheet: read.table!.sheet, address: `${String.fromCharCode(65 + rate)}3`, cells: [["TBD"]] }]);
    const again = done(await prepareForFinance(workbook, SAMPLE_TABLE_NAME, { mode: "values", now: NOW }));
    expect(again.vendors).toHaveLength(VENDORS - 1);
    const charts = workbook.chartsOn(SUMMARY_SHEET);
    expect(charts.map((c) => c.name)).toEqual([...financeCharts(1).map((c) => c.name), "My own chart"]);
    expect(charts[0].chart.categories).toBe(financeCharts(VENDORS - 1)[0].categories);
    expect(charts[2]).toEqual({ name: USER_CHART.name, chart: (USER_CHART as Extract<WorkbookChange, { kind: "setChart" }>).chart, anchor: (USER_CHART as Extract<WorkbookChange, { kind: "setChart" }>).anchor });
  });
});

describe("the finance charts through the Office.js adapter (counting fake)", () => {
  function evaluated(apiMinor = 20): FakeExcel {
    const excel = new FakeExcel();
    excel.apiMinor = apiMinor;
    excel.addTable("Quotes", 0, 0, SAMPLE_TABLE_NAME, SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS.map((r) => [...r]));
    return excel;
  }

  it("draws a BarStacked chart with one series per cost column and an XYScatter of risk over total cost, named, titled and placed", async () => {
    const excel = evaluated();
    const outcome = done(await prepareForFinance(new ExcelWorkbook(excel.host()), SAMPLE_TABLE_NAME, { now: NOW, buyerTimeZone: ZONE }));
    const expected = financeCharts(outcome.vendors.length);
    expect(excel.charts.map((c) => [c.sheet, c.name, c.type, c.title])).toEqual([
      [SUMMARY_SHEET, expected[0].name, "BarStacked", "Cost breakdown per vendor"],
      [SUMMARY_SHEET, expected[1].name, "XYScatter", "Risk score against total cost"],
    ]);
    const [bars, scatter] = excel.charts;
    expect(bars.series).toHaveLength(COST_SERIES);
    expect(bars.series).toEqual(expected[0].series.map((s) => ({ name: s.name, values: s.values, xValues: expected[0].categories })));
    expect(scatter.series).toEqual([{ name: "Risk score", values: expected[1].series[0].values, xValues: expected[1].categories }]);
    expect(scatter.axisTitles).toEqual({ category: "Total cost", value: "Risk score (0 to 100)" });
    // Vendors top-down as in the summary, the cost axis kept at the bottom.
    expect([bars.reversedCategories, bars.categoryAxisPosition]).toEqual([true, "Maximum"]);
    // Below the vendor rows, left of the assumptions block.
    expect(parseCell(bars.position!.start).row).toBeGreaterThan(SUMMARY_HEADER_ROW + VENDORS);
    expect(parseCell(scatter.position!.end!).column).toBeLessThan(SUMMARY_COLUMNS.length);
  });

  it("preparing again deletes and redraws its two charts by name and keeps the user's chart", async () => {
    const excel = evaluated();
    const port = new ExcelWorkbook(excel.host());
    done(await prepareForFinance(port, SAMPLE_TABLE_NAME, { now: NOW, buyerTimeZone: ZONE }));
    excel.charts.push({ sheet: SUMMARY_SHEET, name: "My own chart", type: "Pie", series: [{ name: "x", values: "BA1:BA3" }], axisTitles: {} });
    const mine = structuredClone(excel.charts[2]);
    done(await prepareForFinance(port, SAMPLE_TABLE_NAME, { mode: "values", now: NOW }));
    expect(excel.charts.map((c) => c.name).sort()).toEqual(["My own chart", ...financeCharts(1).map((c) => c.name)].sort());
    expect(excel.charts.find((c) => c.name === "My own chart")).toEqual(mine);
    expect(excel.charts.filter((c) => c.type === "BarStacked")[0].series).toHaveLength(COST_SERIES);
  });

  it("drawing charts costs one round trip whatever their series count, plus one to look up the names on an existing sheet", async () => {
    const [bars, scatter] = financeCharts(VENDORS).map(({ name, ...chart }): WorkbookChange => ({ kind: "setChart", sheet: "Charts", name, chart, anchor: { cell: "A20", columns: 7, rows: 18 } }));
    const excel = new FakeExcel();
    const port = new ExcelWorkbook(excel.host());
    // As an action does: a read first, which tells the apply what exists.
    await port.read({});
    excel.resetCounts();
    await port.apply([{ kind: "ensureSheet", sheet: "Charts" }, bars, scatter]);
    expect(excel.syncs).toBe(1);
    excel.resetCounts();
    await port.apply([bars, scatter]);
    expect(excel.syncs).toBe(2);
    expect(excel.charts.map((c) => [c.name, c.series.length])).toEqual([
      [financeCharts(1)[0].name, COST_SERIES],
      [financeCharts(1)[1].name, 1],
    ]);
  });

  it("with ExcelApi 1.7 but not 1.8 the bars are drawn top-down and the cost axis is left where Excel puts it", async () => {
    const excel = evaluated(7);
    done(await prepareForFinance(new ExcelWorkbook(excel.host()), SAMPLE_TABLE_NAME, { now: NOW, buyerTimeZone: ZONE }));
    expect(excel.charts.map((c) => [c.type, c.reversedCategories, c.categoryAxisPosition])).toEqual([
      ["BarStacked", true, undefined],
      ["XYScatter", undefined, undefined],
    ]);
  });

  it("a host without ExcelApi 1.7 still prepares the summary, without charts (the note gives the steps)", async () => {
    const excel = evaluated(6);
    const outcome = await prepareForFinance(new ExcelWorkbook(excel.host()), SAMPLE_TABLE_NAME, { now: NOW, buyerTimeZone: ZONE });
    expect(outcome.kind).toBe("done");
    expect(excel.charts).toEqual([]);
    expect(String(excel.cell(SUMMARY_SHEET, "A5")?.value)).toContain("Insert > Bar > Stacked Bar");
  });
});

// ---- The command line's file ----

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", removeNSPrefix: true });

async function runCli(...args: string[]): Promise<number> {
  return main(args, { out: () => undefined, err: () => undefined, now: NOW });
}

/** Converts files with LibreOffice headless, in one launch, with a private profile. */
async function convert(files: readonly string[], format: string): Promise<string[]> {
  requireLibreOffice();
  const dir = mkdtempSync(path.join(work, "lo-"));
  mkdirSync(path.join(dir, "profile"));
  await new Promise<void>((resolve, reject) =>
    execFile(
      SOFFICE,
      [`-env:UserInstallation=file://${path.join(dir, "profile")}`, "--headless", "--norestore", "--convert-to", format, "--outdir", dir, ...files],
      { timeout: 180_000 },
      (error, _out, stderr) => (error ? reject(new Error(`soffice failed: ${error.message}\n${stderr}`)) : resolve()),
    ),
  );
  return files.map((f) => path.join(dir, path.basename(f).replace(/\.[^.]+$/, `.${format}`)));
}

/** The charts LibreOffice read from a file: each embedded chart object's class, series ranges and its frame's name. */
async function libreOfficeCharts(ods: string): Promise<{ name: string; class: string; stacked: boolean; series: string[]; domain?: string }[]> {
  const zip = await JSZip.loadAsync(readFileSync(ods));
  const content = await zip.file("content.xml")!.async("string");
  const frames = [...content.matchAll(/<draw:frame [^>]*draw:name="([^"]*)"[^>]*>\s*<draw:object [^>]*xlink:href="\.\/([^"]+)"/g)];
  const out = [];
  for (const [, name, object] of frames) {
    const chart = await zip.file(`${object}/content.xml`)!.async("string");
    out.push({
      name,
      class: /<chart:chart [^>]*chart:class="chart:(\w+)"/.exec(chart)![1],
      stacked: /chart:stacked="true"/.test(chart),
      series: [...chart.matchAll(/<chart:series [^>]*chart:values-cell-range-address="([^"]+)"/g)].map((m) => m[1].replace(/&apos;/g, "'")),
      domain: /<chart:domain table:cell-range-address="([^"]+)"/.exec(chart)?.[1].replace(/&apos;/g, "'"),
    });
  }
  return out;
}

/** "'Finance summary'.D7:'Finance summary'.D17" (LibreOffice) for "D7:D17". */
function odsRange(range: string): string {
  const [from, to] = range.split(":");
  return `'${SUMMARY_SHEET}'.${from}:'${SUMMARY_SHEET}'.${to}`;
}

describe("the finance charts in the command line's workbook (xlsx adapter)", () => {
  const output = path.join(work, "sample-finance.xlsx");
  const refreshed = path.join(work, "sample-refreshed.xlsx");
  let lo: Awaited<ReturnType<typeof libreOfficeCharts>>[];

  beforeAll(async () => {
    expect(await runCli("--out", output)).toBe(0);
    // The written file prepared again (ExcelJS reads it without its charts): still two.
    expect(await runCli(output, "--out", refreshed)).toBe(0);
    const converted = await convert([output, refreshed], "ods");
    lo = [];
    for (const file of converted) lo.push(await libreOfficeCharts(file));
  }, 240_000);

  it("LibreOffice opens two real charts on the summary: stacked bars of the cost columns by vendor, and risk over total cost", () => {
    const [bars, scatter] = financeCharts(VENDORS);
    expect(lo[0].map((c) => [c.name, c.class])).toEqual([
      [bars.name, "bar"],
      [scatter.name, "scatter"],
    ]);
    expect(lo[0][0].stacked).toBe(true);
    expect(lo[0][0].series).toEqual(bars.series.map((s) => odsRange(s.values)));
    expect(lo[0][0].series).toHaveLength(COST_SERIES);
    expect(lo[0][1].series).toEqual([odsRange(scatter.series[0].values)]);
    expect(lo[0][1].domain).toBe(odsRange(scatter.categories));
  });

  it("preparing the written file again gives the same two charts, not four", () => {
    expect(lo[1]).toEqual(lo[0]);
  });

  it("the chart parts are well-formed and wired: content types, the summary sheet's drawing and its relationships", async () => {
    const zip = await JSZip.loadAsync(readFileSync(output));
    const names = Object.keys(zip.files);
    const charts = names.filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
    const drawings = names.filter((n) => /^xl\/drawings\/drawing\d+\.xml$/.test(n));
    expect(charts).toHaveLength(2);
    expect(drawings).toHaveLength(1);
    for (const part of [...charts, ...drawings, "[Content_Types].xml", ...names.filter((n) => n.endsWith(".rels"))]) {
      expect([part, XMLValidator.validate(await zip.file(part)!.async("string"))]).toEqual([part, true]);
    }
    const types = await zip.file("[Content_Types].xml")!.async("string");
    for (const part of [...charts, ...drawings]) expect(types).toContain(`PartName="/${part}"`);
    const chartXml = await Promise.all(charts.map((c) => zip.file(c)!.async("string")));
    const bar = parser.parse(chartXml.find((x) => x.includes("<c:barChart"))!).chartSpace.chart.plotArea.barChart;
    expect(bar.grouping["@val"]).toBe("stacked");
    expect(bar.overlap["@val"]).toBe("100");
    expect(bar.ser).toHaveLength(COST_SERIES);
    const [expectedBars] = financeCharts(VENDORS);
    expect(bar.ser.map((s: { val: { numRef: { f: string } } }) => s.val.numRef.f)).toEqual(expectedBars.series.map((s) => chartReference(SUMMARY_SHEET, s.values)));
    expect(bar.ser[0].cat.strRef.f).toBe(`'${SUMMARY_SHEET}'!$A$7:$A$${6 + VENDORS}`);
    // Vendors top-down as in the summary (maxMin), the cost axis crossing at the last one, at the bottom.
    const plot = parser.parse(chartXml.find((x) => x.includes("<c:barChart"))!).chartSpace.chart.plotArea;
    expect([plot.catAx.scaling.orientation["@val"], plot.valAx.crosses["@val"]]).toEqual(["maxMin", "max"]);
    // The drawing is the summary sheet's.
    const book = parser.parse(await zip.file("xl/workbook.xml")!.async("string"));
    const sheets = [book.workbook.sheets.sheet].flat() as Record<string, string>[];
    const summaryId = sheets.find((s) => s["@name"] === SUMMARY_SHEET)!["@id"];
    const wbRels = [parser.parse(await zip.file("xl/_rels/workbook.xml.rels")!.async("string")).Relationships.Relationship].flat();
    const summaryPart = `xl/${wbRels.find((r: Record<string, string>) => r["@Id"] === summaryId)["@Target"]}`;
    const sheetRels = await zip.file(summaryPart.replace("worksheets/", "worksheets/_rels/") + ".rels")!.async("string");
    expect(sheetRels).toContain(`Target="../drawings/${drawings[0].split("/").pop()}"`);
    expect(await zip.file(summaryPart)!.async("string")).toMatch(/<drawing r:id="[^"]+"\/><\/worksheet>$/);
  });

  it("the file still opens in ExcelJS with every summary number as prepared", async () => {
    const book = await readWorkbook(output);
    const again = XlsxWorkbook.create();
    await again.apply(sampleChanges());
    const outcome = done(await prepareForFinance(again, SAMPLE_TABLE_NAME, { now: NOW, buyerTimeZone: ZONE }));
    const sheet = book.getWorksheet(SUMMARY_SHEET)!;
    const total = SUMMARY_COLUMNS.findIndex((c) => c.header === "Total cost") + 1;
    const risk = SUMMARY_COLUMNS.findIndex((c) => c.header === "Risk score") + 1;
    outcome.vendors.forEach((v, i) => {
      const row = sheet.getRow(SUMMARY_HEADER_ROW + 2 + i);
      expect(shown(row.getCell(1))).toBe(v.vendor);
      expect(shown(row.getCell(total))).toBe(v.evaluation.cost.total);
      expect(shown(row.getCell(risk))).toBe(v.evaluation.risk.score);
    });
  });
});

describe("charts in any .xlsx (xlsx adapter)", () => {
  it("join the drawing of a sheet that has pictures, which keeps them, and survive sheet names and titles with XML's special characters", async () => {
    const source = new ExcelJS.Workbook();
    const sheet = source.addWorksheet("Board");
    sheet.getCell("A1").value = 1;
    sheet.getCell("A2").value = 2;
    // A 1x1 PNG.
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
    sheet.addImage(source.addImage({ buffer: png, extension: "png" } as unknown as ExcelJS.Image), "D1:E3");
    const odd = source.addWorksheet("R&D's <plan>");
    odd.getCell("A1").value = "Q1 & Q2";
    odd.getCell("A2").value = "Q3 <late>";
    odd.getCell("B1").value = 10;
    odd.getCell("B2").value = 20;
    const file = path.join(work, "pictures.xlsx");
    writeFileSync(file, Buffer.from(await source.xlsx.writeBuffer()));
    const workbook = await XlsxWorkbook.open(file);
    await workbook.apply([
      { kind: "setChart", sheet: "Board", name: "Trend", chart: { title: "Trend", type: "xyScatter", categories: "A1:A2", series: [{ name: "A", values: "A1:A2" }] }, anchor: { cell: "G1", columns: 4, rows: 8 } },
      {
        kind: "setChart",
        sheet: "R&D's <plan>",
        name: `Plan "A" & <B>`,
        chart: { title: `Spend & "risk" <2026>`, type: "barStacked", categories: "A1:A2", series: [{ name: "R&D's <share>", values: "B1:B2" }] },
        anchor: { cell: "D1", columns: 4, rows: 8 },
      },
    ]);
    const zip = await JSZip.loadAsync(await workbook.toBuffer());
    const drawings = Object.keys(zip.files).filter((n) => /^xl\/drawings\/drawing\d+\.xml$/.test(n));
    // One drawing per sheet: the pictures' (now with the chart too) and a new one.
    expect(drawings).toHaveLength(2);
    const texts = await Promise.all(drawings.map((d) => zip.file(d)!.async("string")));
    texts.forEach((t) => expect(XMLValidator.validate(t)).toBe(true));
    const withPicture = texts.findIndex((t) => t.includes("<xdr:pic>"));
    expect(texts[withPicture]).toContain('name="Trend"');
    const rels = await zip.file(drawings[withPicture].replace("drawings/", "drawings/_rels/") + ".rels")!.async("string");
    expect(rels).toMatch(/relationships\/image/);
    expect(rels).toMatch(/relationships\/chart/);
    const withCharts = path.join(work, "pictures-charts.xlsx");
    await workbook.save(withCharts);
    const [ods] = await convert([withCharts], "ods");
    const read = await libreOfficeCharts(ods);
    expect(read.map((c) => [c.name, c.class, c.series])).toEqual([
      ["Trend", "scatter", ["Board.A1:Board.A2"]],
      ["Plan &quot;A&quot; &amp; &lt;B&gt;", "bar", ["'R&amp;D''s &lt;plan&gt;'.B1:'R&amp;D''s &lt;plan&gt;'.B2"]],
    ]);
    const chart = await JSZip.loadAsync(readFileSync(ods)).then((z) => z.file("Object 2/content.xml")!.async("string"));
    expect(chart).toContain("Spend &amp; &quot;risk&quot; &lt;2026&gt;");
    expect(chart).toContain("R&amp;D&apos;s &lt;share&gt;");
  }, 120_000);
});
