// Excel's documented limits on what a workbook may hold. Whatever an action writes is checked
// against them before an adapter writes anything: past a limit Excel refuses the file or the
// call, or (a formula with a long text inside) recalculates to an error, and no adapter may
// write what Excel would not keep. Sources:
// - Microsoft Support, "Excel specifications and limits" (support.microsoft.com/office/
//   excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3): 32,767 characters
//   a cell can contain; 8,192 characters of formula contents; 64 nested levels of functions;
//   1,048,576 rows by 16,384 columns.
// - Microsoft, [MS-OI29500] 2.1.1085 (ST_Formula): "Excel restricts the contents of this simple
//   type to be at most 8192 characters."
// - Microsoft Support, "Rename a worksheet": a sheet name cannot contain more than 31 characters.
// - A text constant inside a formula: at most 255 characters, Excel refuses a longer one as the
//   formula is entered (not on the specifications page; as DevExpress documents Excel's
//   behaviour, SpreadsheetCompatibilityOptions.TruncateLongStringsInFormulas, 2021). Long text
//   is therefore referenced from its cell, never copied into a formula.

import { cellAddress, parseCell } from "./address";
import { blockShape, type CellBlock, type CellWrite, type FormulaWrite, type WorkbookChange } from "./port";

export const EXCEL_LIMITS = {
  formulaLength: 8192,
  cellText: 32767,
  sheetName: 31,
  nesting: 64,
  formulaText: 255,
  rows: 1_048_576,
  columns: 16_384,
} as const;

const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;
const OPEN = 40;
const CLOSE = 41;

/** The longest text literal and the deepest parenthesis nesting of a formula (text and quoted sheet names skipped). */
export function formulaShape(formula: string): { longestText: number; depth: number } {
  // By character code: every formula an action writes passes here, some 90 MB of text for a
  // table of 10,000 rows, and comparing one-character strings costs more.
  let longestText = 0;
  let depth = 0;
  let deepest = 0;
  const length = formula.length;
  for (let i = 0; i < length; i++) {
    const ch = formula.charCodeAt(i);
    if (ch === DOUBLE_QUOTE || ch === SINGLE_QUOTE) {
      // A quote inside is doubled ("" or ''), in both text literals and sheet names.
      let text = 0;
      for (i++; i < length; i++) {
        if (formula.charCodeAt(i) === ch) {
          if (formula.charCodeAt(i + 1) === ch) i++;
          else break;
        }
        text++;
      }
      if (ch === DOUBLE_QUOTE && text > longestText) longestText = text;
    } else if (ch === OPEN) {
      if (++depth > deepest) deepest = depth;
    } else if (ch === CLOSE) depth--;
  }
  return { longestText, depth: deepest };
}

/** What is wrong with a formula by Excel's limits, or "" (parentheses bound function nesting from above). */
export function formulaProblem(formula: string): string {
  // Neither a text nor the nesting can outgrow the formula itself.
  if (formula.length <= EXCEL_LIMITS.nesting) return "";
  if (formula.length > EXCEL_LIMITS.formulaLength)
    return `a formula of ${formula.length.toLocaleString("en-US")} characters, over Excel's limit of ${EXCEL_LIMITS.formulaLength.toLocaleString("en-US")}`;
  // A text inside runs from a quote to the next or to the end: at most length - 1 characters.
  // Up to that length only the nesting can break a limit, which takes more opening
  // parentheses than the limit; counted, quoted or not, without reading the rest of the text
  // (the finance summary's 30,000 lookups of the vendor table's rows hold one each).
  if (formula.length - 1 <= EXCEL_LIMITS.formulaText) {
    let opening = 0;
    for (let i = formula.indexOf("("); i >= 0 && opening <= EXCEL_LIMITS.nesting; i = formula.indexOf("(", i + 1)) opening++;
    if (opening <= EXCEL_LIMITS.nesting) return "";
  }
  const shape = formulaShape(formula);
  if (shape.longestText > EXCEL_LIMITS.formulaText) return `a formula holding a text of ${shape.longestText.toLocaleString("en-US")} characters, over Excel's limit of ${EXCEL_LIMITS.formulaText} for text inside a formula`;
  if (shape.depth > EXCEL_LIMITS.nesting) return `a formula nested ${shape.depth} levels deep, over Excel's limit of ${EXCEL_LIMITS.nesting}`;
  return "";
}

// A column's formulas differ only in the row number joined between the template's parts. Digits
// open no text and no parenthesis, so the verdict depends only on the template and the number's
// length (a join inside a text literal lengthens that text): one check per template and length,
// not one scan per cell, where a table of 10,000 rows writes some 90 MB of formulas.
const templateProblems = new WeakMap<readonly string[], Map<number, string>>();

function templatedProblem(template: NonNullable<FormulaWrite["rowTemplate"]>): string {
  let byLength = templateProblems.get(template.parts);
  if (!byLength) templateProblems.set(template.parts, (byLength = new Map()));
  let problem = byLength.get(template.row.length);
  if (problem === undefined) {
    problem = formulaProblem(template.parts.join(template.row));
    byLength.set(template.row.length, problem);
  }
  return problem;
}

/** /^\d+$/ by character code: asked of every templated cell's row. */
function digitsOnly(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/** A cell's template when its verdict is the template's (templatedProblem), else undefined. */
function templateOf(cell: CellWrite | undefined): NonNullable<FormulaWrite["rowTemplate"]> | undefined {
  if (cell === null || typeof cell !== "object") return undefined;
  const template = cell.rowTemplate;
  return template && digitsOnly(template.row) ? template : undefined;
}

function cellProblem(cell: CellWrite | undefined): string {
  if (typeof cell === "string" && cell.length > EXCEL_LIMITS.cellText)
    return `a text of ${cell.length.toLocaleString("en-US")} characters, over Excel's limit of ${EXCEL_LIMITS.cellText.toLocaleString("en-US")} per cell`;
  if (cell !== null && typeof cell === "object") {
    const template = templateOf(cell);
    return template ? templatedProblem(template) : formulaProblem(cell.formula);
  }
  return "";
}

function sheetProblem(sheet: string): string {
  return sheet.length > EXCEL_LIMITS.sheetName ? `the sheet name '${sheet}' is ${sheet.length} characters long, over Excel's limit of ${EXCEL_LIMITS.sheetName}` : "";
}

/**
 * Columns of a source whose cells are all of one template (CellSource.template) and within the
 * limits: a formula's length grows with its row number's digits, so its first and last rows
 * stand for all. Where one is not within them, none is skipped, so that the cell named is the
 * first one in the block as it would be without the shortcut.
 */
function fineTemplatedColumns(block: CellBlock): boolean[] {
  const fine: boolean[] = [];
  if (!("cell" in block) || !block.template || block.rows === 0) return fine;
  for (let c = 0; c < block.columns; c++) {
    const template = block.template(c);
    if (!template) continue;
    const ends = [template.row(0), template.row(block.rows - 1)];
    if (!ends.every(digitsOnly)) continue;
    if (ends.some((row) => templatedProblem({ parts: template.parts, row }))) return [];
    fine[c] = true;
  }
  return fine;
}

function blockProblem(sheet: string, address: string, block: CellBlock): string {
  const origin = parseCell(address.split(":")[0]);
  const { rows, columns, cell: at } = blockShape(block);
  const skipped = fineTemplatedColumns(block);
  // By column, the template (and its row number's length) of the last cell found within the
  // limits: the cell below of the same is too, without looking its verdict up again.
  const fineParts: (readonly string[] | undefined)[] = [];
  const fineLength: number[] = [];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < columns; c++) {
      if (skipped[c]) continue;
      const cell = at(r, c);
      const template = templateOf(cell);
      if (template !== undefined && template.parts === fineParts[c] && template.row.length === fineLength[c]) continue;
      const problem = cellProblem(cell);
      if (problem) return `${sheet}!${cellAddress(origin.row + r, origin.column + c)} would hold ${problem}`;
      if (template !== undefined) {
        fineParts[c] = template.parts;
        fineLength[c] = template.row.length;
      }
    }
  if (origin.row + rows > EXCEL_LIMITS.rows)
    return `${sheet}!${address} would need ${rows.toLocaleString("en-US")} rows, past Excel's last row (${EXCEL_LIMITS.rows.toLocaleString("en-US")})`;
  return "";
}

/** The first change that would break one of Excel's limits, said in one line; "" when all fit. */
export function excelLimitProblem(changes: readonly WorkbookChange[]): string {
  for (const change of changes) {
    let problem = "";
    switch (change.kind) {
      case "ensureSheet":
      case "formatRange":
      case "clearRange":
      case "setChart":
      case "convertRangeToTable":
        problem = sheetProblem(change.sheet);
        break;
      case "setName":
        problem = sheetProblem(change.sheet);
        break;
      case "writeRange":
        problem = sheetProblem(change.sheet) || blockProblem(change.sheet, change.address, change.cells);
        break;
      case "createTable":
        problem = sheetProblem(change.sheet) || blockProblem(change.sheet, change.address, [change.headers, ...change.rows]);
        break;
      case "setTableColumn": {
        const formula = change.formula ? formulaProblem(change.formula) : "";
        const text = (change.values ?? []).map((v) => cellProblem(typeof v === "string" ? v : null)).find(Boolean) ?? "";
        problem = formula || text ? `the column '${change.header}' of the table '${change.table}' would hold ${formula || text}` : "";
        break;
      }
    }
    if (problem) return problem;
  }
  return "";
}

/** Thrown by every adapter's apply before it writes anything past one of Excel's limits. */
export class ExcelLimitError extends Error {
  constructor(readonly problem: string) {
    super(`Nothing was written: ${problem}`);
    this.name = "ExcelLimitError";
  }
}

/**
 * Thrown by an adapter's apply, before it writes anything, where a change would write over a
 * cell of the user's that Excel itself would have moved aside (the xlsx adapter's new table
 * column beside a cell of the user's): its message is the whole of what the user is told.
 */
export class NoRoomError extends Error {
  constructor(readonly problem: string) {
    super(`Nothing was written: ${problem}.`);
    this.name = "NoRoomError";
  }
}

export function assertWithinExcelLimits(changes: readonly WorkbookChange[]): void {
  const problem = excelLimitProblem(changes);
  if (problem) throw new ExcelLimitError(problem);
}
