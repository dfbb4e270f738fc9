// Settings the add-in stored in a workbook come back from a file anyone may have edited: each
// is checked against what the add-in itself could have written, and one that fails is ignored
// with one line saying so (a crafted summary area of A1:XFD1048576 once made the command line
// clear 17 billion cells). zod/mini: the pane bundle carries these schemas too.
import * as z from "zod/mini";
import { parseRange } from "../workbook/address";
import { EXCEL_LIMITS } from "../workbook/limits";

export { parseStoredSetting } from "../workbook/storedSetting";

/** "A1:AU17": the whole block from A1 the summary wrote, its right edge no further than the summary ever reaches. */
function summaryArea(maxRight: number) {
  return z.string().check(
    // abort: zod runs later checks after a failed one by default, and parseRange throws on text that is no range.
    z.regex(/^A1:[A-Z]{1,3}[1-9]\d{0,6}$/, { abort: true }),
    z.refine((text) => {
      const area = parseRange(text);
      return area.right <= maxRight && area.bottom < EXCEL_LIMITS.rows;
    }),
  );
}

const header = z.string().check(z.minLength(1), z.maxLength(EXCEL_LIMITS.formulaText));

export function financeSettingSchema(maxRight: number) {
  return z.object({
    version: z.literal(1),
    table: z.string().check(z.minLength(1), z.maxLength(EXCEL_LIMITS.formulaText)),
    mode: z.enum(["formulas", "values"]),
    preparedAt: z.string().check(z.maxLength(64)),
    summaryArea: summaryArea(maxRight),
    sheet: z.optional(z.string().check(z.minLength(1), z.maxLength(EXCEL_LIMITS.sheetName))),
    // The three output columns, at most.
    outputs: z.array(header).check(z.maxLength(3)),
  });
}

export type StoredFinance = z.infer<ReturnType<typeof financeSettingSchema>>;
