// Every formula the finance summary writes on a vendor's row carries its column's row template
// (the formula is the template's parts joined with the row's number, one parts array per
// column and shape), so that an adapter recognises a filled-down column without building and
// comparing each row's text.
import { prepareForFinance, SUMMARY_SHEET } from "../../src/actions/finance";
import { COST_BY_YEAR_COLUMN, COST_RANGE_CHART_COLUMN, FIRST_VENDOR_ROW, SUMMARY_COLUMNS, TABLE_BLOCK_COLUMN } from "../../src/actions/financeLayout";
import { SAMPLE_TABLE_NAME } from "../../src/sample/vendors";
import { parseCell } from "../../src/workbook/address";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { blockRows, type ApplyOptions, type CellSource, type CellWrite, type FormulaWrite, type WorkbookChange } from "../../src/workbook/port";
import { fillDown } from "../../src/workbook/xlsx";
import { RATE_CARD_TABLE_NAME } from "../../src/sample/rateCard";
import { rateCardChanges, sampleChanges } from "../../scripts/make-sample";

class Recording extends MemoryWorkbook {
  readonly changes: WorkbookChange[] = [];
  override async apply(changes: readonly WorkbookChange[], options?: ApplyOptions): Promise<void> {
    this.changes.push(...changes);
    return super.apply(changes, options);
  }
}

describe("the finance summary's formulas on vendor rows", () => {
  it("each carry a row template that joins to the formula with the row's own number", async () => {
    const workbook = new Recording();
    await workbook.apply(sampleChanges());
    workbook.changes.length = 0;
    const outcome = await prepareForFinance(workbook, SAMPLE_TABLE_NAME, { now: new Date("2026-03-02T15:30:00Z") });
    if (outcome.kind !== "done") throw new Error(outcome.message);
    const vendorAt = new Map(outcome.vendors.map((v, k) => [FIRST_VENDOR_ROW + k, v.vendor]));

    const onVendorRows: { formula: FormulaWrite; row: number; column: number }[] = [];
    for (const change of workbook.changes) {
      if (change.kind !== "writeRange" || change.sheet !== SUMMARY_SHEET) continue;
      const origin = parseCell(change.address);
      blockRows(change.cells).forEach((cells: readonly CellWrite[], r) => {
        const row = origin.row + r;
        if (vendorAt.get(row) === undefined || cells[0] !== vendorAt.get(row)) return;
        cells.forEach((cell, c) => {
          if (cell !== null && typeof cell === "object") onVendorRows.push({ formula: cell, row, column: origin.column + c });
        });
      });
    }
    // The summary's columns, its cost by year and the cost range chart's block all write formulas there.
    expect(new Set(onVendorRows.map((f) => f.column)).size).toBeGreaterThan(20);

    const untemplated = onVendorRows.filter(({ formula, row }) => formula.rowTemplate === undefined || formula.rowTemplate.row !== String(row + 1) || formula.rowTemplate.parts.join(formula.rowTemplate.row) !== formula.formula);
    expect(untemplated.map(({ formula, row, column }) => `${column}:${row} ${formula.formula}`)).toEqual([]);

    // One parts array per column and shape, not one per cell.
    const byColumn = new Map<string, Set<readonly string[]>>();
    for (const { formula, column } of onVendorRows) {
      const parts = formula.rowTemplate!.parts;
      const key = `${column} ${JSON.stringify(parts)}`;
      if (!byColumn.has(key)) byColumn.set(key, new Set());
      byColumn.get(key)!.add(parts);
    }
    for (const [key, arrays] of byColumn) expect([key, arrays.size]).toEqual([key, 1]);
  });

  // The vendor block, some 50 cells a vendor, is given as a source worked out cell by cell as
  // the adapter writes it (CellSource), not as rows held from the plan until the write; asked
  // twice, a cell is the same write.
  it("gives the vendor block as a source of one row per vendor and column, the same each time it is asked", async () => {
    const workbook = new Recording();
    await workbook.apply(sampleChanges());
    workbook.changes.length = 0;
    const outcome = await prepareForFinance(workbook, SAMPLE_TABLE_NAME, { now: new Date("2026-03-02T15:30:00Z") });
    if (outcome.kind !== "done") throw new Error(outcome.message);
    const block = workbook.changes.find((c) => c.kind === "writeRange" && c.sheet === SUMMARY_SHEET && parseCell(c.address).row === FIRST_VENDOR_ROW);
    const cells = block?.kind === "writeRange" ? block.cells : undefined;
    expect(cells !== undefined && "cell" in cells).toBe(true);
    if (cells === undefined || !("cell" in cells)) return;
    expect([cells.rows, cells.columns]).toEqual([outcome.vendors.length, SUMMARY_COLUMNS.length]);
    expect(blockRows(cells).map((row) => row[0])).toEqual(outcome.vendors.map((v) => v.vendor));
    // A column said to be of one template (which the limits check judges by its first and last rows) is, on every row.
    const declared = Array.from({ length: cells.columns }, (_, c) => cells.template?.(c)).filter((t) => t !== undefined);
    expect(declared.length).toBeGreaterThan(20);
    for (let c = 0; c < cells.columns; c++) {
      const template = cells.template?.(c);
      if (!template) continue;
      for (let r = 0; r < cells.rows; r++) {
        const cell = cells.cell(r, c);
        const got = cell !== null && typeof cell === "object" ? cell.rowTemplate : undefined;
        expect([c, r, got?.parts === template.parts, got?.row]).toEqual([c, r, true, template.row(r)]);
        expect((cell as FormulaWrite).formula).toBe(template.parts.join(template.row(r)));
      }
    }
    const asText = (cell: CellWrite) => (cell !== null && typeof cell === "object" ? { formula: cell.formula, cachedValue: cell.cachedValue } : cell);
    expect(blockRows(cells).map((row) => row.map(asText))).toEqual(blockRows(cells).map((row) => row.map(asText)));
  });

  // Every block with a cell on each vendor's row (or each table row's) is a source: the vendor
  // block, the vendor table's block, the cost by year and the cost range chart's. Rows of
  // CellWrite would be held from the plan until the whole apply ends, at 10,000 vendors some
  // 100,000 objects besides the sheet's own cells. A column said to be of one template is so on
  // every row, which the limits check relies on when it judges it by its first and last rows.
  it("gives every block of the vendors' or the table's rows as a source, its template columns matching its cells", async () => {
    for (const [changes, table, mode] of [
      [sampleChanges(), SAMPLE_TABLE_NAME, "formulas"],
      [sampleChanges(), SAMPLE_TABLE_NAME, "values"],
      [rateCardChanges(), RATE_CARD_TABLE_NAME, "formulas"],
    ] as const) {
      const workbook = new Recording();
      await workbook.apply(changes);
      workbook.changes.length = 0;
      const outcome = await prepareForFinance(workbook, table, { now: new Date("2026-03-02T15:30:00Z"), mode });
      if (outcome.kind !== "done") throw new Error(outcome.message);
      const tableRows = (await workbook.read({ table: { name: table } })).table!.rowCount;
      const sources = new Map<number, CellSource>();
      for (const change of workbook.changes) {
        if (change.kind !== "writeRange" || change.sheet !== outcome.sheet) continue;
        const origin = parseCell(change.address);
        const rows = "cell" in change.cells ? change.cells.rows : change.cells.length;
        // Any block reaching a vendor's row from the header row on, as rows or as a source.
        if (origin.row + rows <= FIRST_VENDOR_ROW) continue;
        if (!("cell" in change.cells)) continue;
        sources.set(origin.column, change.cells);
        expect([mode, origin.column, origin.row]).toEqual([mode, origin.column, FIRST_VENDOR_ROW]);
      }
      const expected = [0, TABLE_BLOCK_COLUMN, COST_BY_YEAR_COLUMN, COST_RANGE_CHART_COLUMN];
      expect({ table, mode, sources: [...sources.keys()].sort((x, y) => x - y) }).toEqual({ table, mode, sources: expected });
      const n = outcome.vendors.length;
      expect(expected.map((c) => sources.get(c)!.rows)).toEqual([n, tableRows, n, n]);
      // The vendor's name first on each vendor's row; the table's row number on each table row.
      for (const c of [0, COST_BY_YEAR_COLUMN, COST_RANGE_CHART_COLUMN]) expect(blockRows(sources.get(c)!).map((row) => row[0])).toEqual(outcome.vendors.map((v) => v.vendor));
      expect(blockRows(sources.get(TABLE_BLOCK_COLUMN)!).map((row) => row[0])).toEqual(Array.from({ length: tableRows }, (_, i) => i + 1));
      let templated = 0;
      for (const [left, cells] of sources)
        for (let c = 0; c < cells.columns; c++) {
          const template = cells.template?.(c);
          if (!template) continue;
          templated++;
          for (let r = 0; r < cells.rows; r++) {
            const cell = cells.cell(r, c);
            const got = cell !== null && typeof cell === "object" ? cell.rowTemplate : undefined;
            expect([left, c, r, got?.parts === template.parts, got?.row]).toEqual([left, c, r, true, template.row(r)]);
            expect((cell as FormulaWrite).formula).toBe(template.parts.join(template.row(r)));
          }
        }
      // In formulas mode the cost range chart's three columns too (one template each, whatever the vendor).
      if (mode === "formulas") expect([1, 2, 3].map((c) => sources.get(COST_RANGE_CHART_COLUMN)!.template?.(c) !== undefined)).toEqual([true, true, true]);
      expect(templated > 0).toBe(mode === "formulas");
      // Asked again, a cell is the same write.
      const asText = (cell: CellWrite) => (cell !== null && typeof cell === "object" ? { formula: cell.formula, cachedValue: cell.cachedValue, alone: cell.alone } : cell);
      for (const cells of sources.values()) expect(blockRows(cells).map((row) => row.map(asText))).toEqual(blockRows(cells).map((row) => row.map(asText)));
    }
  });

  // A formula marked alone is written without being looked at for a filled-down run
  // (FormulaWrite.alone), so the mark must be true: no formula above it in its column becomes
  // it when filled down, and it becomes none below. The vendor-table block's formulas, one per
  // table row, carry it; on a rate card several table rows refer to one summary row.
  it("marks the vendor-table block's formulas alone, and only formulas that no filled-down run passes through", async () => {
    for (const [changes, table] of [
      [sampleChanges(), SAMPLE_TABLE_NAME],
      [rateCardChanges(), RATE_CARD_TABLE_NAME],
    ] as const) {
      const workbook = new Recording();
      await workbook.apply(changes);
      workbook.changes.length = 0;
      const outcome = await prepareForFinance(workbook, table, { now: new Date("2026-03-02T15:30:00Z") });
      if (outcome.kind !== "done") throw new Error(outcome.message);
      let marked = 0;
      let blockFormulas = 0;
      for (const change of workbook.changes) {
        if (change.kind !== "writeRange" || change.sheet !== outcome.sheet) continue;
        const origin = parseCell(change.address);
        const rows = blockRows(change.cells);
        const width = Math.max(...rows.map((row) => row.length));
        for (let c = 0; c < width; c++) {
          const column = rows.map((row) => row[c]).map((cell) => (cell !== null && typeof cell === "object" ? cell : undefined));
          column.forEach((cell, r) => {
            if (cell && origin.column === TABLE_BLOCK_COLUMN) blockFormulas++;
            if (!cell?.alone) return;
            marked++;
            column.forEach((other, k) => {
              if (other === undefined || k === r) return;
              const filled = k < r ? fillDown(other.formula)(r - k) === cell.formula : fillDown(cell.formula)(k - r) === other.formula;
              expect({ table, at: [origin.row + r, origin.column + c], other: other.formula, filled }).toEqual({ table, at: [origin.row + r, origin.column + c], other: other.formula, filled: false });
            });
          });
        }
      }
      expect({ table, marked }).toEqual({ table, marked: blockFormulas });
      expect(blockFormulas).toBeGreaterThan(0);
    }
  });
});
