// Plain-range writes of 100,000 rows whose text is longer in UTF-8 than in JavaScript
// characters. evaluate.excel.test.ts pins 100,000 rows of ASCII; here the chunks are
// measured as the bytes that cross the wire. Before the fix, chunks were sized by string
// length and a chunk of Arabic, CJK and emoji vendor names reached 5.4 MB, over the 5 MB
// Excel on the web accepts.
import { ExcelWorkbook, MAX_REQUEST_BYTES, utf8Length } from "../../src/workbook/excel";
import type { CellWrite } from "../../src/workbook/port";
import { MeasuredExcel } from "../helpers/measuredExcel";

test("utf8Length counts the bytes UTF-8 takes: 1 for ASCII, 2 for Arabic, 3 for CJK, 4 for an emoji", () => {
  for (const text of ["Acme", "Café", "شركة", "漢字ベンダー", "👩🏽‍💻", "\u0085\uFEFF", ""]) expect(utf8Length(text)).toBe(Buffer.byteLength(text, "utf8"));
});

describe("writing 100,000 rows to plain ranges", () => {
  async function write(rows: CellWrite[][], kind: "writeRange" | "createTable") {
    const excel = new MeasuredExcel();
    excel.sheet("Data");
    const port = new ExcelWorkbook(excel.host());
    await port.read({ sheets: ["Data"] });
    excel.resetCounts();
    if (kind === "writeRange") await port.apply([{ kind, sheet: "Data", address: "B2", cells: rows }]);
    else await port.apply([{ kind, sheet: "Data", address: "B2", name: "Big", headers: ["Vendor", "Rate", "Scope", "Link"], rows }]);
    return excel;
  }

  // Arabic, CJK and emoji take 2 to 4 UTF-8 bytes per JavaScript character.
  const wideText = (i: number): CellWrite[] => [`شركة البرمجيات ${i} 漢字ベンダー`, i * 1.25, `👩🏽‍💻 Scope ${"範囲".repeat(20)} ${i}`, `=HYPERLINK("http://example.invalid/${i}","x")`];

  test("non-ASCII text is chunked by its UTF-8 size: every chunk under 4 MB, every row written once", async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => wideText(i));
    const excel = await write(rows, "writeRange");
    const writes = excel.measured().filter((r) => r.bytes > 0);
    expect(writes.length).toBeGreaterThan(1);
    for (const w of writes) expect(w.utf8).toBeLessThan(MAX_REQUEST_BYTES);
    expect(writes.reduce((n, w) => n + w.valueCells, 0)).toBe(100_000 * 4);
    expect(excel.cell("Data", "B100001")?.value).toBe(wideText(99_999)[0]);
    // Written as a typed string value (valuesAsJson, ExcelApi 1.16): text, with no text format left behind.
    expect(excel.cell("Data", "E100001")).toMatchObject({ value: wideText(99_999)[3] });
    expect(excel.cell("Data", "E100001")?.numberFormat).not.toBe("@");
    expect(excel.cell("Data", "E100001")?.formula).toBeUndefined();
  });

  test("a new 100,000-row table is written in chunks under 4 MB and becomes one table over every row", async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => wideText(i));
    const excel = await write(rows, "createTable");
    const writes = excel.measured().filter((r) => r.bytes > 0);
    expect(writes.length).toBeGreaterThan(1);
    for (const w of writes) expect(w.utf8).toBeLessThan(MAX_REQUEST_BYTES);
    expect(excel.table("Big")).toMatchObject({ top: 1, left: 1, rows: 100_000, columns: ["Vendor", "Rate", "Scope", "Link"] });
    expect(excel.cell("Data", "C100002")?.value).toBe(99_999 * 1.25);
  });
});
