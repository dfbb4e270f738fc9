// The command line on the bundled rate-card RFP: options, not rows, in the summary, the
// finance summary and the checklists.
import { mkdtempSync } from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import { runCli } from "../helpers/cli";
import { SUMMARY_HEADER_ROW, SUMMARY_SHEET } from "../../src/actions/finance";
import { RATE_CARD_ROWS, RATE_CARD_HEADERS } from "../../src/sample/rateCard";
import { evaluateOptions, mapHeaders, readRow, DEFAULT_ASSUMPTIONS, type VendorRow } from "../../src/model";

const ROOT = path.resolve(__dirname, "..", "..");
const SAMPLE = path.join(ROOT, "assets", "sample-rate-card.xlsx");
const work = mkdtempSync(path.join(os.tmpdir(), "offshore-cli-ratecard-"));
const NOW = new Date("2026-03-02T15:30:00Z");

const VENDORS = [...new Set(RATE_CARD_ROWS.map((r) => String(r[RATE_CARD_HEADERS.indexOf("Vendor")])))];

describe("the command line on the rate-card sample", () => {
  const output = path.join(work, "rate-card.evaluated.xlsx");
  let result: { code: number; out: string[]; err: string[] };
  let book: ExcelJS.Workbook;

  beforeAll(async () => {
    // The RFP is a US east-coast buyer's, as the sample's location models were chosen.
    result = await runCli(NOW, [SAMPLE, "--out", output, "--buyer-zone", "America/New_York"]);
    book = new ExcelJS.Workbook();
    await book.xlsx.readFile(output);
  });

  it("prints one line per vendor option, with its number of rows and blended rate, and one checklist per option", () => {
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    expect(VENDORS).toHaveLength(3);
    expect(result.out[0]).toMatch(/Cost ranking\s+Rows\s+Blended rate$/);
    const map = mapHeaders([...RATE_CARD_HEADERS]);
    const rows = RATE_CARD_ROWS.map((cells) => (readRow(cells, map, DEFAULT_ASSUMPTIONS) as { value: VendorRow }).value);
    const options = evaluateOptions(rows, true, DEFAULT_ASSUMPTIONS);
    for (const { group, result: option } of options) {
      const lines = result.out.filter((l) => l.startsWith(group.name));
      // One summary line and one sensitivity sentence ("  Name: ...") per option, never a line per role.
      expect(lines).toHaveLength(1);
      const cells = lines[0].slice(group.name.length).trim().split(/\s{2,}/);
      expect(cells[cells.length - 2]).toBe("4");
      expect(option.ok && Number(cells[cells.length - 1])).toBeCloseTo(option.ok ? option.value.evaluation.row.hourlyRate : NaN, 2);
    }
    expect(result.out[result.out.length - 1]).toMatch(/3 vendors, portable formulas, 3 checklist sheets\.$/);
    expect(book.worksheets.filter((s) => String(s.getCell("A1").value) === "Governance checklist")).toHaveLength(3);
  });

  it("the finance summary lists the three options, not the twelve rows", () => {
    const sheet = book.getWorksheet(SUMMARY_SHEET)!;
    const names = [0, 1, 2, 3].map((i) => sheet.getRow(SUMMARY_HEADER_ROW + 2 + i).getCell(1).value);
    expect(names).toEqual([...VENDORS, null]);
  });
});
