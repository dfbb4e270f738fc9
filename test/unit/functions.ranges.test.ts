// The cost ranges' ends as the functions receive them: the assumptions range with a header row
// naming Low and High columns (OffshoreAssumptions spans the sheet's header and columns A to L).
import { costRange as modelRange, parseAssumptions, readRow, mapHeaders, type CellValue } from "../../src/model";
import { costBreakdownCells, costRangeCells } from "../../src/functions/wrappers";
import { CustomFunctionsError, installCustomFunctionsRuntime } from "../helpers/customFunctionsRuntime";

installCustomFunctionsRuntime();

const HEADERS: CellValue[][] = [["Vendor", "Hourly rate", "Hours", "Engagement model", "Duration (months)"]];
const ROW: CellValue[] = ["Deccan Soft", 30, 10000, "Managed service", 24];
/** The sheet's layout: name, value, unit, then columns up to K and L. */
function sheet(low: CellValue, high: CellValue): CellValue[][] {
  const pad = (n: number) => Array.from({ length: n }, () => null);
  return [
    ["Assumption", "Value", "Unit", ...pad(7), "Low (edit to change the cost ranges)", "High (edit to change the cost ranges)"],
    ["Transition %", null, "%", ...pad(7), low, high],
  ];
}

describe("COSTRANGE and COSTBREAKDOWN with the assumptions sheet's Low and High", () => {
  it("follow an edited Low and High, and equal the model under the same table", () => {
    const [published] = costRangeCells([ROW], HEADERS, sheet(null, null));
    const [edited] = costRangeCells([ROW], HEADERS, sheet(0.005, 0.08));
    expect(edited[1]).toBe(published[1]);
    expect(edited[0] as number).toBeLessThan(published[0] as number);
    expect(edited[2] as number).toBeGreaterThan(published[2] as number);
    const a = parseAssumptions(sheet(0.005, 0.08));
    if (!a.ok) throw new Error(a.error.message);
    const row = readRow(ROW, mapHeaders(HEADERS[0] as string[]), a.value);
    if (!row?.ok) throw new Error("row");
    const model = modelRange(row.value, a.value);
    expect(edited).toEqual([model.low, model.expected, model.high]);
    // The breakdown's transition line at the low and high ends: labour times the edited ends.
    const lines = costBreakdownCells([ROW], HEADERS, sheet(0.005, 0.08)) as CellValue[][];
    const transition = lines.find((l) => String(l[0]).toLowerCase().startsWith("transition"))!;
    expect(transition[3] as number).toBeCloseTo(30 * 10000 * 0.005, 6);
    expect(transition[4] as number).toBeCloseTo(30 * 10000 * 0.08, 6);
  });

  it("a bad Low or High is an error naming the assumption and the column", () => {
    expect(() => costRangeCells([ROW], HEADERS, sheet("soon", null))).toThrow(CustomFunctionsError);
    expect(() => costRangeCells([ROW], HEADERS, sheet("soon", null))).toThrow(/Low of Transition % must be a number; got 'soon'/);
    expect(() => costRangeCells([ROW], HEADERS, sheet(0.05, 0.02))).toThrow(/Transition %: its Low \(0.05\) is above its High \(0.02\)/);
  });
});
