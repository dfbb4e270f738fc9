// Cells holding Excel data types, as a custom function receives them for an `any` parameter
// when the metadata sets allowCustomDataForDataTypeAny ("Custom functions and data types").
// Each builder is typed with its Excel.*CellValue declaration from @types/office-js, so a
// shape that drifts from Microsoft's declaration does not compile; the values follow
// "Excel JavaScript API data types core concepts": an entity's and an image's basicValue is
// the "#VALUE!" fallback, a formatted number's is the number itself.
import type { CellValue } from "../../src/model";

/** A Geography or Stocks cell: a linked entity showing `text`. */
export function linkedEntity(text: string): Excel.LinkedEntityCellValue {
  return {
    type: "LinkedEntity",
    basicType: "Error",
    basicValue: "#VALUE!",
    text,
    // Which service and entity it links to does not matter to the functions: they read the text.
    id: { serviceId: 1, culture: "en-US", entityId: text },
    properties: { Name: { type: "String", basicValue: text } },
  };
}

/**
 * A linked entity as a Geography value comes: with dozens of properties (population, capital,
 * leaders, a flag image...), so that its valuesAsJson weighs about `bytes` where its
 * "#VALUE!" through `values` weighs ten.
 */
export function heavyLinkedEntity(text: string, bytes = 4_000): Excel.LinkedEntityCellValue {
  const properties: Record<string, Excel.CellValue> = {};
  // Each property weighs about 130 bytes as JSON.
  for (let i = 0; i * 130 < bytes; i++) properties[`Property ${i}`] = { type: "String", basicValue: `${text} fact ${i} `.padEnd(80, "x") } as Excel.StringCellValue;
  return { ...linkedEntity(text), properties };
}

/** An entity an add-in made, showing `text`. */
export function entity(text: string): Excel.EntityCellValue {
  return { type: "Entity", basicType: "Error", basicValue: "#VALUE!", text, properties: { Name: { type: "String", basicValue: text } } };
}

export function stringValue(text: string): Excel.StringCellValue {
  return { type: "String", basicType: "String", basicValue: text };
}

export function doubleValue(value: number): Excel.DoubleCellValue {
  return { type: "Double", basicType: "Double", basicValue: value };
}

export function formattedNumber(value: number, numberFormat = "#,##0.00"): Excel.FormattedNumberCellValue {
  return { type: "FormattedNumber", basicType: "Double", basicValue: value, numberFormat };
}

export function booleanValue(value: boolean): Excel.BooleanCellValue {
  return { type: "Boolean", basicType: "Boolean", basicValue: value };
}

export function emptyValue(): Excel.EmptyCellValue {
  return { type: "Empty", basicType: "Empty", basicValue: "" };
}

export function webImage(address = "https://example.com/logo.png"): Excel.WebImageCellValue {
  return { type: "WebImage", basicType: "Error", basicValue: "#VALUE!", address };
}

export function notAvailable(): Excel.NotAvailableErrorCellValue {
  return { type: "Error", basicType: "Error", basicValue: "#N/A", errorType: "NotAvailable" };
}

export function arrayValue(elements: Excel.CellValue[][]): Excel.ArrayCellValue {
  return { type: "Array", basicType: "Error", basicValue: "#VALUE!", elements };
}

/**
 * The same cell as a data type: text as an entity (`asEntity`) or a string value, numbers as
 * formatted numbers or doubles, booleans as boolean values, blanks as empty values.
 */
export function asDataType(cell: CellValue, style: "entities" | "basic"): unknown {
  if (typeof cell === "string") {
    if (cell.trim() === "") return emptyValue();
    return style === "entities" ? linkedEntity(cell) : stringValue(cell);
  }
  if (typeof cell === "number") return style === "entities" ? formattedNumber(cell) : doubleValue(cell);
  if (typeof cell === "boolean") return booleanValue(cell);
  return cell;
}

export function asDataTypes(table: readonly (readonly CellValue[])[], style: "entities" | "basic"): unknown[][] {
  return table.map((row) => row.map((cell) => asDataType(cell, style)));
}
