// Excel's data types read as the plain values the model takes. The build's metadata carries
// allowCustomDataForDataTypeAny (custom-functions-metadata always writes it), and with it every
// `any` parameter receives a cell holding a data type as its JSON object, unconverted ("Custom
// functions and data types"; "Autogenerate JSON metadata": for `any` no conversion is
// performed). A Country column converted to Geography arrives as a LinkedEntity, a number
// with a format travelling with it as a FormattedNumber. The shapes are those of "Excel
// JavaScript API data types core concepts" and @types/office-js (Excel.CellValue): every one
// has `type` and `basicValue`; an entity's or an image's basicValue is the "#VALUE!" shown
// by an Excel without data types, so an entity is read by its `text`, the name the cell shows.
// The Office.js adapter reads the same objects through Range.valuesAsJson (ExcelApi 1.16)
// where Range.values gave "#VALUE!", so the pane and the functions read a cell alike.
import type { CellValue } from "./types";

/** A cell holding something with no text or number to read: an image, an error, an array. */
export class UnusableCell {
  constructor(readonly what: string) {}
}

interface DataTypeValue {
  readonly type?: unknown;
  readonly basicType?: unknown;
  readonly basicValue?: unknown;
  readonly text?: unknown;
  readonly errorType?: unknown;
}

function isPrimitive(value: unknown): value is string | number | boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

/** The value a data-type object stands for in a calculation, or why it has none. */
function fromDataType(value: DataTypeValue): CellValue | UnusableCell {
  const type = typeof value.type === "string" ? value.type : "";
  switch (type) {
    case "Entity":
    case "LinkedEntity":
      if (typeof value.text === "string") return value.text;
      return new UnusableCell(`a ${type === "Entity" ? "data type" : "linked data type"} with no text`);
    case "Empty":
      return "";
    case "Error": {
      const code = typeof value.basicValue === "string" ? value.basicValue : typeof value.errorType === "string" ? value.errorType : "";
      return new UnusableCell(code ? `the error ${code}` : "an error");
    }
    case "WebImage":
    case "LocalImage":
      return new UnusableCell("an image");
    case "Array":
      return new UnusableCell("an array of values");
  }
  // String, Double, Boolean, FormattedNumber, a basic value with properties, and types
  // added later: their basicValue is what a calculation reads, unless it is the error fallback.
  if (value.basicType !== "Error" && isPrimitive(value.basicValue)) return value.basicValue;
  return new UnusableCell(type ? `a ${type} value` : "a value of an unknown kind");
}

/** A cell as the model reads it: primitives as they are, data types by their text or basic value. */
export function plainCell(value: unknown): CellValue | UnusableCell {
  if (value === null || value === undefined || isPrimitive(value)) return value;
  if (Array.isArray(value)) return new UnusableCell("an array of values");
  if (typeof value === "object") return fromDataType(value as DataTypeValue);
  return new UnusableCell(`a ${typeof value}`);
}

/** Where a row, header row or table holds an unusable cell. */
export class UnusableAt {
  constructor(
    readonly row: number,
    readonly column: number,
    readonly what: string,
  ) {}
}

/**
 * The cells of a row as plain values: the same array when it holds no object (the usual case,
 * and the one a 100,000-row calculated column repeats), a copy otherwise. Only the first
 * `columns` cells, and of those the ones `isRead` accepts, are read: a column nobody reads
 * (a logo next to the vendor's name) may hold anything.
 */
export function plainRow(
  cells: readonly unknown[],
  rowIndex = 0,
  columns = Infinity,
  isRead?: (column: number) => boolean,
): CellValue[] | UnusableAt {
  let out: CellValue[] | undefined;
  const end = Math.min(cells.length, columns);
  for (let c = 0; c < end; c++) {
    const v = cells[c];
    if (v === null || typeof v !== "object" || (isRead !== undefined && !isRead(c))) continue;
    const plain = plainCell(v);
    if (plain instanceof UnusableCell) return new UnusableAt(rowIndex, c, plain.what);
    out ??= cells.slice() as CellValue[];
    out[c] = plain;
  }
  return out ?? (cells as CellValue[]);
}

/**
 * A table's cells as plain values, the same array when none holds a data type. Only its first
 * `columns` columns are read: the others (an assumption's unit and source) are never used.
 */
export function plainTable(table: readonly (readonly unknown[])[], columns = Infinity): CellValue[][] | UnusableAt {
  let out: CellValue[][] | undefined;
  for (let r = 0; r < table.length; r++) {
    const row = table[r];
    if (!Array.isArray(row)) continue;
    const plain = plainRow(row, r, columns);
    if (plain instanceof UnusableAt) return plain;
    if (plain !== row) {
      out ??= table.slice() as CellValue[][];
      out[r] = plain;
    }
  }
  return out ?? (table as CellValue[][]);
}
