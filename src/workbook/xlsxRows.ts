// A worksheet's rows as XML, from the cell models ExcelJS 4.4's package writer has prepared
// (style, shared string and shared formula numbers set), written as its RowXform and CellXform
// (lib/xlsx/xform/sheet/row-xform.js, cell-xform.js) write them: the same elements, attributes
// in the same order, ExcelJS's own escaping (xmlEncode) and date conversion, and numbers as
// JavaScript spells them, as theirs. Their renderers go through an XML stream that keeps every
// tag, attribute and text as a string of its own, some twenty per cell; here a row is one
// string. A cell of a kind this does not write (rich text, hyperlinks, dates, errors, merged
// cells) is written by ExcelJS's own cell renderer.
import type ExcelJS from "exceljs";
import enums from "exceljs/lib/doc/enums";
import XmlStream from "exceljs/lib/utils/xml-stream";
import utils from "exceljs/lib/utils/utils";
import CellXform from "exceljs/lib/xlsx/xform/sheet/cell-xform";

const { Null, Number: NumberType, String: StringType, Date: DateType, Hyperlink, Formula, Boolean: BooleanType, Error: ErrorType } = enums.ValueType;

/** The fields of a prepared cell model that CellXform.render reads. */
export interface CellModel {
  readonly address: string;
  readonly type: ExcelJS.ValueType;
  readonly value?: unknown;
  readonly styleId?: number;
  readonly ssId?: number;
  readonly formula?: string;
  readonly result?: unknown;
  readonly shareType?: string;
  readonly ref?: string;
  readonly range?: { readonly range: string };
  readonly si?: number;
  readonly date1904?: boolean;
}

/** The fields of a prepared row model that RowXform.render reads. */
export interface RowModel {
  readonly cells: readonly CellModel[];
  readonly number: number;
  readonly min: number;
  readonly max: number;
  readonly height?: number;
  readonly hidden?: boolean;
  readonly styleId?: number;
  readonly outlineLevel?: number;
  readonly collapsed?: boolean;
}

/** The type of a formula's result, as CellXform's getValueType gives it, throwing where it does. */
export function valueType(value: unknown): ExcelJS.ValueType {
  if (value === null || value === undefined) return Null;
  if (value instanceof String || typeof value === "string") return StringType;
  if (typeof value === "number") return NumberType;
  if (typeof value === "boolean") return BooleanType;
  if (value instanceof Date) return DateType;
  const v = value as { text?: unknown; hyperlink?: unknown; formula?: unknown; error?: unknown };
  if (v.text && v.hyperlink) return Hyperlink;
  if (v.formula) return Formula;
  if (v.error) return ErrorType;
  throw new Error("I could not understand type of value");
}

/** An attribute as ExcelJS's XmlStream writes it: left out when undefined, its text escaped. */
function attribute(name: string, value: string | number | boolean | undefined): string {
  if (value === undefined) return "";
  // A number's text (digits, ".", "-", "e+", "NaN", "Infinity") never needs escaping.
  return typeof value === "number" ? ` ${name}="${value}"` : ` ${name}="${utils.xmlEncode(String(value))}"`;
}

/** An element with text, as XmlStream.leafNode writes it: self-closed when there is no text (but not for an empty one). */
function leaf(name: string, attributes: string, text: string | undefined): string {
  return text === undefined ? `<${name}${attributes}/>` : `<${name}${attributes}>${utils.xmlEncode(text)}</${name}>`;
}

let cellXform: CellXform | undefined;

/** A cell by ExcelJS's own renderer. */
function renderedByExcelJS(cell: CellModel): string {
  const stream = new XmlStream();
  (cellXform ??= new CellXform()).render(stream, cell);
  return stream.xml;
}

/** ` s="n"` by style number: a sheet's cells have a few dozen styles between them. */
const styleAttributes: string[] = [];

export function styleAttribute(styleId: number): string {
  return Number.isSafeInteger(styleId) && styleId > 0 ? (styleAttributes[styleId] ??= attribute("s", styleId)) : attribute("s", styleId);
}

/** CellXform.render; `date1904` stands for the model's own flag where the model has none. */
export function renderCell(cell: CellModel, date1904 = cell.date1904): string {
  if (cell.type === Null && !cell.styleId) return "";
  const start = `<c r="${cell.address}"${cell.styleId ? styleAttribute(cell.styleId) : ""}`;
  switch (cell.type) {
    case Null:
      return `${start}/>`;
    case NumberType:
      // A number's text (digits, ".", "-", "e+", "NaN", "Infinity") never needs escaping.
      return typeof cell.value === "number" ? `${start}><v>${String(cell.value)}</v></c>` : renderedByExcelJS(cell);
    case BooleanType:
      return `${start} t="b"><v>${cell.value ? "1" : "0"}</v></c>`;
    case StringType:
      if (cell.ssId !== undefined) return `${start} t="s"><v>${cell.ssId}</v></c>`;
      return typeof cell.value === "string" ? `${start} t="str"><v>${utils.xmlEncode(cell.value)}</v></c>` : renderedByExcelJS(cell);
    case Formula:
      return renderFormula(start, cell, date1904);
    default:
      return renderedByExcelJS(cell);
  }
}

/**
 * A clone's `<f t="shared" si="n"/>` by its shared formula's number: the same text on every
 * clone of a filled-down run (most of a 10,000-row finance summary's 860,000 cells), built once.
 */
const cloneFormulas: string[] = [];

/** Formulas' text escaped, by text: a table column's formula is the same text on every row. */
const escapedFormulas = new Map<string, string>();
/** Formulas kept escaped at most: a column of formulas that all differ only fills the map and starts it again. */
const ESCAPED_FORMULAS = 256;

/** What utils.xmlEncode changes in a text other than a double quote: the other four markup characters, DEL and the control characters XML 1.0 does not allow. */
// eslint-disable-next-line no-control-regex -- the control characters are what it looks for
const ENCODED_BUT_QUOTE = /[&'<>\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/;

/**
 * utils.xmlEncode(text), the same text: where a double quote is all it changes, by one native
 * replaceAll instead of its loop a character at a time. The finance summary's vendor-table block
 * holds 30,000 formulas on a 10,000-row table, each of its own text and each with a quoted
 * sentence.
 */
export function xmlEncoded(text: string): string {
  return ENCODED_BUT_QUOTE.test(text) ? utils.xmlEncode(text) : text.replaceAll('"', "&quot;");
}

/**
 * A formula's text as XmlStream.leafNode writes it (utils.xmlEncode), escaped once per text: a
 * table's calculated column has one formula, on the 10,000-row workbook some 500 characters of
 * quotes and ampersands, escaped a character at a time.
 */
function escapedFormula(formula: string): string {
  let escaped = escapedFormulas.get(formula);
  if (escaped === undefined) {
    if (escapedFormulas.size >= ESCAPED_FORMULAS) escapedFormulas.clear();
    escaped = xmlEncoded(formula);
    escapedFormulas.set(formula, escaped);
  }
  return escaped;
}

/** CellXform.renderFormula: the result's type decides the cell's `t`, the formula comes first, then the result. */
function renderFormula(start: string, cell: CellModel, date1904: boolean | undefined): string {
  let f: string;
  const si = cell.si;
  if (cell.shareType === undefined && cell.formula === undefined && typeof si === "number" && Number.isSafeInteger(si) && si >= 0) {
    f = cloneFormulas[si] ??= leaf("f", ' t="shared"' + attribute("si", si), undefined);
  } else {
    let attributes = "";
    if (cell.shareType === "shared") attributes = ' t="shared"' + attribute("ref", cell.ref || cell.range!.range) + attribute("si", si);
    else if (cell.shareType === "array") attributes = ' t="array"' + attribute("ref", cell.ref);
    else if (si !== undefined) attributes = ' t="shared"' + attribute("si", si);
    f = cell.formula === undefined ? leaf("f", attributes, undefined) : `<f${attributes}>${escapedFormula(String(cell.formula))}</f>`;
  }
  const result = cell.result;
  switch (valueType(result)) {
    case Null:
      return `${start}>${f}</c>`;
    case StringType:
      return `${start} t="str">${f}${leaf("v", "", String(result))}</c>`;
    case NumberType:
      return `${start}>${f}<v>${String(result)}</v></c>`;
    case BooleanType:
      return `${start} t="b">${f}<v>${result ? 1 : 0}</v></c>`;
    case ErrorType:
      return `${start} t="e">${f}${leaf("v", "", String((result as { error: unknown }).error))}</c>`;
    case DateType:
      return `${start}>${f}<v>${String(utils.dateToExcel(result as Date, date1904))}</v></c>`;
    default:
      throw new Error("I could not understand type of value");
  }
}

/** RowXform.render: the row's attributes, then its cells, whose XML (renderCell's) is `cells`. */
export function rowXml(row: Omit<RowModel, "cells">, cells: string): string {
  let start = `<row r="${row.number}"`;
  if (row.height) start += attribute("ht", row.height) + ' customHeight="1"';
  if (row.hidden) start += ' hidden="1"';
  if (row.min > 0 && row.max > 0 && row.min <= row.max) start += ` spans="${row.min}:${row.max}"`;
  if (row.styleId) start += attribute("s", row.styleId) + ' customFormat="1"';
  start += ' x14ac:dyDescent="0.25"';
  if (row.outlineLevel) start += attribute("outlineLevel", row.outlineLevel);
  if (row.collapsed) start += ' collapsed="1"';
  return cells ? `${start}>${cells}</row>` : `${start}/>`;
}

/** The part of ExcelJS 4.4's style table (lib/xlsx/xform/style/styles-xform.js) its cell and row preparation calls. */
export interface StyleTable {
  addStyleModel(style: object, cellType?: ExcelJS.ValueType): number;
  weakMap?: WeakMap<object, number>;
}

/**
 * A text that two style models share only where they hold the same content: plain objects with
 * the same properties in the same order, arrays, and strings, numbers (NaN, -0 and Infinity
 * told apart), booleans, null and undefined by type and value. Undefined for anything else (an
 * object of another prototype, one with properties for-in does not list, a function), which
 * ExcelJS then numbers itself.
 */
function contentKey(value: unknown): string | undefined {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Object.is(value, -0) ? "-0" : String(value);
    case "boolean":
      return value ? "true" : "false";
    case "undefined":
      return "undefined";
    case "object": {
      if (value === null) return "null";
      const names = Object.getOwnPropertyNames(value);
      if (Array.isArray(value)) {
        // Its own names are its indexes and `length`: no holes, nothing else.
        if (names.length !== value.length + 1) return undefined;
      } else if (Object.getPrototypeOf(value) !== Object.prototype || Object.getOwnPropertySymbols(value).length > 0) return undefined;
      let key = Array.isArray(value) ? "[" : "{";
      for (const name of names) {
        if (name === "length" && Array.isArray(value)) continue;
        const descriptor = Object.getOwnPropertyDescriptor(value, name)!;
        if (!descriptor.enumerable || !("value" in descriptor)) return undefined;
        const part = contentKey(descriptor.value);
        if (part === undefined) return undefined;
        key += `${JSON.stringify(name)}:${part},`;
      }
      return key + (Array.isArray(value) ? "]" : "}");
    }
    default:
      return undefined;
  }
}

/**
 * Makes `styles` answer a style object with no properties it has not seen from the number it
 * gave the first such object for the same cell type. ExcelJS numbers a style object it has not
 * seen by rendering the style's XML and looking that up (StylesXform.addStyleModel, _addStyle),
 * and every cell nothing has formatted has an empty style object of its own (Cell's
 * _mergeStyle), as has every row: on a 10,000-row table that is hundreds of thousands of renders
 * giving the same few numbers. The numbers, and the table, are the same: for an empty style
 * the number depends only on the cell type (a number gets the General format), and a repeated
 * lookup adds nothing to the table. An object it has seen keeps the number it was given first,
 * whatever the type, as ExcelJS does, and is answered from the weakMap here without ExcelJS's
 * own method being called.
 */
export function shareEmptyStyles(styles: StyleTable): void {
  const add = styles.addStyleModel.bind(styles);
  const seen = styles.weakMap;
  if (!seen) return;
  const byType = new Map<ExcelJS.ValueType, number>();
  // A formatted style object ExcelJS has not seen is numbered from its content and the cell
  // type, rendered as XML part by part and looked up (fonts, fills, then the style's own XML):
  // the same content and type give the same number and add nothing to the table. The add-in
  // formats a range with style objects of its own (a checklist sheet's cells: some 2,300
  // objects of 32 contents on the 10,000-row workbook), so a content met before is answered
  // from its first number, and the object kept in the weakMap with it as ExcelJS keeps it.
  const byContent = new Map<string, number>();
  const addFormatted = (style: object, cellType: ExcelJS.ValueType | undefined): number => {
    const content = contentKey(style);
    if (content === undefined) return add(style, cellType);
    const key = `${cellType || NumberType} ${content}`;
    let id = byContent.get(key);
    if (id === undefined) {
      id = add(style, cellType);
      byContent.set(key, id);
    } else {
      seen.set(style, id);
    }
    return id;
  };
  styles.addStyleModel = (style, cellType) => {
    if (!style) return add(style, cellType);
    // ExcelJS answers an object it has seen from its weakMap before anything else (once one is
    // there, its default font is too): one lookup here instead of three and a call.
    const known = seen.get(style);
    if (known !== undefined) return known;
    // Any property, own or inherited, that ExcelJS might read makes the style not empty.
    for (const _property in style) return addFormatted(style, cellType);
    // StylesXform.addStyleModel: `cellType = cellType || Enums.ValueType.Number` (Null is 0).
    const type = cellType || NumberType;
    let id = byType.get(type);
    if (id === undefined) {
      id = add(style, cellType);
      byType.set(type, id);
    } else {
      seen.set(style, id);
    }
    return id;
  };
}

/** The part of ExcelJS 4.4's shared string table (lib/xlsx/xform/strings/shared-strings-xform.js) its package writer renders. */
export interface SharedStringTable {
  /** The table's XML as ExcelJS renders it. */
  readonly xml: string;
  /** How many cells the strings were added for. */
  readonly count: number;
  /** The strings, or rich text, by number. */
  readonly values: readonly unknown[];
}

/** TextXform.render's test for text that must keep its spaces (lib/xlsx/xform/strings/text-xform.js). */
const KEEPS_SPACES = /^\s|\n|\s$/;

/**
 * xl/sharedStrings.xml as SharedStringsXform.render writes it, as one string: the declaration
 * (XmlStream.StdDocAttributes), `<sst>` with its counts, then each string as `<si><t>`, with
 * xml:space="preserve" where TextXform.render gives it, its text escaped as XmlStream.writeText
 * escapes it. ExcelJS renders it through its XML stream, a dozen strings per shared string (on
 * the 10,000-row workbook some 21,000 of them). A table that holds anything but plain strings
 * (rich text) is ExcelJS's own rendering.
 */
export function sharedStringsXml(table: SharedStringTable): string {
  const { values } = table;
  for (const value of values) if (typeof value !== "string") return table.xml;
  let xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${table.count}" uniqueCount="${values.length}">`;
  for (const value of values as readonly string[]) xml += (KEEPS_SPACES.test(value) ? '<si><t xml:space="preserve">' : "<si><t>") + utils.xmlEncode(value) + "</t></si>";
  return xml + "</sst>";
}
