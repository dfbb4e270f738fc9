// What a workbook holds that ExcelJS 4.4 would change on its way through the command line: a
// sheet's data validations and the workbook's defined names, written back as the file gave them.
// Node only.
//
// Data validations (drop-down lists, number and date rules, input prompts). ExcelJS reads each
// <dataValidation> into one entry per cell of its ranges
// (lib/xlsx/xform/sheet/data-validations-xform.js), and writes them back by joining alike cells
// into rectangles. A workbook read and written so changed in four ways:
// - Ranges overlap. The cells are joined in the order of their addresses as text ("H10" before
//   "H2"), and a cell already joined is joined again: a list on H2:H21 came back as H10:H21 and
//   H2:H21 (reported as ExcelJS issue #2820, "datavalidation optimization", 2024). Overlapping
//   ranges are not what Excel writes; EPPlus refuses to read them (EPPlus issue #829, 2023).
// - A rule on a whole column (H2:H1048576, as Excel writes one chosen by its column letter) is a
//   million entries: a 20-row vendor table with one took 11 s and 560 MB instead of 1.1 s and
//   121 MB, and one on 16 columns (A2:P1048576) did not finish.
// - A bound that is a reference or a formula ($Q$1 in "decimal between $Q$1 and 500") is read as
//   a number, parseFloat("$Q$1"), and written as "NaN".
// - What ExcelJS does not read is dropped: showDropDown (whose "1" hides the list's arrow),
//   imeMode, and the list's own disablePrompts, xWindow and yWindow.
// Each element is kept as it is, under its sqref: its attributes in their order and its
// formulas' texts. The model keeps ExcelJS's shape (an entry by address, each the rule ExcelJS
// would have parsed), with the element's whole sqref as the address. Written, each kept rule is
// its element again, attribute for attribute. A rule added or moved by ExcelJS's API since is
// written from its fields, under its address; a sheet with no kept rule is written by ExcelJS.
//
// Defined names. ExcelJS keeps a name as the cells it covers (lib/doc/defined-names.js, one object
// a cell) and writes the rectangles it finds among them again, so it wrote back only names that
// are ranges of cells, and not as they were:
// - a name that is a formula lost all but its first reference (RateUp, "Quotes!$B$2*(1+Markup)",
//   became "Quotes!$B$2": the user's formulas that use it then compute another number);
// - a constant (Markup, "0.2"), whole columns or rows ("Quotes!$A:$P"), and #REF! were dropped,
//   and the user's formulas that use them showed #NAME?;
// - a name's sheet scope (localSheetId), hidden and comment were dropped;
// - a name on a large range was one object a cell: one on Quotes!$A$1:$P$1048576 made a 20-row
//   table's command take 42 s and 3.5 GB.
// Each name of the file but a print area or print titles (which ExcelJS reads into the sheet's
// page setup and writes again from there) is kept as it is: its attributes and its text, the
// sheet it is scoped to by name (its localSheetId is written again as that sheet's place, which
// no sheet the command adds changes). The adapter's own names (setName) go through ExcelJS as
// before, and replace a kept name of the workbook's scope of the same name; it reads a kept
// name that is one range of cells as such (keptNameRange).
import DataValidationsXform from "exceljs/lib/xlsx/xform/sheet/data-validations-xform";
import DefinedNameXform from "exceljs/lib/xlsx/xform/book/defined-name-xform";
import WorkbookXform from "exceljs/lib/xlsx/xform/book/workbook-xform";
import DefinedNames from "exceljs/lib/doc/defined-names";
import type XmlStream from "exceljs/lib/utils/xml-stream";
import utils from "exceljs/lib/utils/utils";

/** A <dataValidation> as the file gives it. */
interface KeptRule {
  /** The address it is kept under in the model. */
  readonly key: string;
  readonly attributes: readonly (readonly [string, string])[];
  /** formula1 and formula2, in the file's order, as their texts. */
  readonly formulas: [string, string][];
}

/** By rule (the object ExcelJS parsed the element into), the element as it was read. */
const keptRules = new WeakMap<object, KeptRule>();
/** By sheet's model of rules, the <dataValidations> element's own attributes but `count`. */
const keptListAttributes = new WeakMap<object, readonly (readonly [string, string])[]>();

/** Reads under way whose rules are kept as they are. */
let reading = 0;

/**
 * Runs `read`, ExcelJS's read of a file, with its data validations and defined names kept as the
 * file gives them (see the top of this file). Other reads in the same process meanwhile get the same.
 */
export async function withKeptAsRead<T>(read: () => Promise<T>): Promise<T> {
  reading++;
  try {
    return await read();
  } finally {
    reading--;
  }
}

interface Parsing {
  model: Record<string, unknown>;
  _dataValidation: Record<string, unknown> & { formulae?: unknown[] };
  _formula: string[] | undefined;
  /** The element being read, while the adapter reads a file. */
  _kept?: { attributes: [string, string][]; formulas: [string, string][]; sqref: string };
}

type Node = { name: string; attributes: Record<string, string> };

function installKeptRules(): void {
  type Xform = {
    parseOpen(this: Parsing, node: Node): boolean;
    parseClose(this: Parsing, name: string): boolean;
    render(this: unknown, stream: XmlStream, model: Record<string, unknown> | undefined): void;
  };
  const proto = DataValidationsXform.prototype as unknown as Xform;
  const { parseOpen, parseClose, render } = proto as Xform & { parseOpen: Xform["parseOpen"] & { keeps?: true } };
  if ((parseOpen as { keeps?: true }).keeps) return;

  const keepingParseOpen = function (this: Parsing, node: Node): boolean {
    const open = parseOpen.call(this, node);
    if (reading > 0 && node.name === "dataValidations") keptListAttributes.set(this.model, Object.entries(node.attributes).filter(([name]) => name !== "count"));
    if (reading > 0 && node.name === "dataValidation") this._kept = { attributes: Object.entries(node.attributes), formulas: [], sqref: node.attributes.sqref ?? "" };
    return open;
  };
  proto.parseOpen = Object.assign(keepingParseOpen, { keeps: true as const });

  proto.parseClose = function (this: Parsing, name: string): boolean {
    const element = this._kept;
    if (!element) return parseClose.call(this, name);
    if (name === "formula1" || name === "formula2") {
      element.formulas.push([name, (this._formula ?? []).join("")]);
      return parseClose.call(this, name);
    }
    if (name !== "dataValidation") return parseClose.call(this, name);
    this._kept = undefined;
    // The rule as ExcelJS parses it, under the element's whole sqref instead of each of its cells.
    const rule = this._dataValidation;
    if (!rule.formulae || rule.formulae.length === 0) {
      delete rule.formulae;
      delete rule.operator;
    }
    // Two elements of one sqref (not as Excel writes them) are both kept, the second under an address of its own.
    let key = element.sqref;
    for (let n = 2; Object.prototype.hasOwnProperty.call(this.model, key); n++) key = `${element.sqref} #${n}`;
    this.model[key] = rule;
    keptRules.set(rule, { key, attributes: element.attributes, formulas: element.formulas });
    return true;
  };

  proto.render = function (this: unknown, stream: XmlStream, model: Record<string, unknown> | undefined): void {
    const rules = Object.entries(model ?? {}).filter((entry): entry is [string, Record<string, unknown>] => typeof entry[1] === "object" && entry[1] !== null);
    if (!rules.some(([, rule]) => keptRules.has(rule))) return render.call(this, stream, model);
    stream.openNode("dataValidations", { count: rules.length });
    for (const [name, value] of keptListAttributes.get(model!) ?? []) stream.addAttribute(name, value);
    for (const [key, rule] of rules) {
      const kept = keptRules.get(rule);
      if (kept && kept.key === key) writeKept(stream, kept);
      else writeFromFields(stream, key, rule);
    }
    stream.closeNode();
  };
}

function writeKept(stream: XmlStream, rule: KeptRule): void {
  stream.openNode("dataValidation");
  for (const [name, value] of rule.attributes) stream.addAttribute(name, value);
  for (const [name, text] of rule.formulas) {
    stream.openNode(name);
    stream.writeText(text);
    stream.closeNode();
  }
  stream.closeNode();
}

/** A rule from ExcelJS's API (cell.dataValidation, worksheet.dataValidations.add), as ExcelJS 4.4 writes one's fields. */
function writeFromFields(stream: XmlStream, address: string, rule: Record<string, unknown>): void {
  const type = typeof rule.type === "string" ? rule.type : "any";
  stream.openNode("dataValidation");
  if (type !== "any") {
    stream.addAttribute("type", type);
    if (typeof rule.operator === "string" && type !== "list" && rule.operator !== "between") stream.addAttribute("operator", rule.operator);
    if (rule.allowBlank) stream.addAttribute("allowBlank", "1");
  }
  if (rule.showInputMessage) stream.addAttribute("showInputMessage", "1");
  for (const name of ["promptTitle", "prompt"] as const) if (rule[name]) stream.addAttribute(name, String(rule[name]));
  if (rule.showErrorMessage) stream.addAttribute("showErrorMessage", "1");
  for (const name of ["errorStyle", "errorTitle", "error"] as const) if (rule[name]) stream.addAttribute(name, String(rule[name]));
  stream.addAttribute("sqref", address);
  const formulae = Array.isArray(rule.formulae) ? rule.formulae : [];
  formulae.forEach((formula, index) => {
    stream.openNode(`formula${index + 1}`);
    stream.writeText(String(type === "date" ? utils.dateToExcel(new Date(formula as string | number | Date)) : formula));
    stream.closeNode();
  });
  stream.closeNode();
}

installKeptRules();

// ------------------------------------------------------------------ defined names

/** A <definedName> as the file gives it. */
interface KeptName {
  readonly name: string;
  readonly attributes: readonly (readonly [string, string])[];
  readonly text: string;
  /** The name of the sheet its localSheetId named when the file was read; undefined for a name of the workbook's scope. */
  sheet?: string;
  /** Its localSheetId as this write gives it (WorkbookXform.prepare). */
  place?: number;
}

/** By name (the object ExcelJS parsed the element into), the element as it was read. */
const keptNames = new WeakMap<object, KeptName>();
/** By workbook's DefinedNames, its kept names, in the file's order. */
const keptLists = new WeakMap<object, object[]>();

type NameModel = { name: string; localSheetId?: number; ranges: string[] };

function installKeptNames(): void {
  type NameXform = {
    parseOpen(this: NameParsing, node: Node): boolean;
    parseClose(this: NameParsing, name: string): boolean;
    render(this: unknown, stream: XmlStream, model: NameModel): void;
  };
  type NameParsing = { model: NameModel; _parsedText: string[]; _keptAttributes?: [string, string][] };
  const proto = DefinedNameXform.prototype as unknown as NameXform;
  const { parseOpen, parseClose, render } = proto;
  if ((parseOpen as { keeps?: true }).keeps) return;
  proto.parseOpen = Object.assign(
    function (this: NameParsing, node: Node): boolean {
      const open = parseOpen.call(this, node);
      this._keptAttributes = reading > 0 && node.name === "definedName" ? Object.entries(node.attributes) : undefined;
      return open;
    },
    { keeps: true as const },
  );
  proto.parseClose = function (this: NameParsing, name: string): boolean {
    const open = parseClose.call(this, name);
    const attributes = this._keptAttributes;
    if (attributes) keptNames.set(this.model, { name: this.model.name, attributes, text: this._parsedText.join("") });
    this._keptAttributes = undefined;
    return open;
  };
  proto.render = function (this: unknown, stream: XmlStream, model: NameModel): void {
    const kept = keptNames.get(model);
    if (!kept) return render.call(this, stream, model);
    stream.openNode("definedName");
    for (const [name, value] of kept.attributes) stream.addAttribute(name, name === "localSheetId" && kept.place !== undefined ? kept.place : value);
    stream.writeText(kept.text);
    stream.closeNode();
  };

  // Reconciling: the sheet a kept name's localSheetId names, by the sheets' order in the file.
  type Book = { sheets?: ({ name?: string } | undefined)[]; worksheets?: ({ name?: string } | undefined)[]; definedNames?: NameModel[] };
  const book = WorkbookXform.prototype as unknown as { reconcile(this: unknown, model: Book): void; prepare(this: unknown, model: Book): void };
  const { reconcile, prepare } = book;
  book.reconcile = function (this: unknown, model: Book): void {
    for (const defined of model.definedNames ?? []) {
      const kept = keptNames.get(defined);
      if (kept && defined.localSheetId !== undefined) kept.sheet = model.sheets?.[defined.localSheetId]?.name;
    }
    reconcile.call(this, model);
  };
  // Writing: each kept name scoped to a sheet gets that sheet's place among the sheets written, as
  // ExcelJS numbers the print areas' (a name whose sheet is not written is not written either).
  book.prepare = function (this: unknown, model: Book): void {
    prepare.call(this, model);
    const places = new Map<string, number>();
    let place = 0;
    for (const sheet of model.worksheets ?? []) if (sheet) places.set(String(sheet.name), place++);
    model.definedNames = (model.definedNames ?? []).filter((defined) => {
      const kept = keptNames.get(defined);
      if (!kept || !kept.attributes.some(([name]) => name === "localSheetId")) return true;
      kept.place = kept.sheet === undefined ? undefined : places.get(kept.sheet);
      return kept.place !== undefined;
    });
  };

  // A workbook's names: the kept ones set aside, the others ExcelJS's, as before.
  const namesProto = DefinedNames.prototype as object;
  const model = Object.getOwnPropertyDescriptor(namesProto, "model")!;
  Object.defineProperty(namesProto, "model", {
    configurable: true,
    get(this: object): NameModel[] {
      const made = model.get!.call(this) as NameModel[];
      const kept = keptLists.get(this) as NameModel[] | undefined;
      return kept && kept.length > 0 ? [...kept, ...made] : made;
    },
    set(this: object, value: NameModel[]) {
      const list = Array.isArray(value) ? value : [];
      keptLists.set(this, list.filter((defined) => keptNames.has(defined)));
      model.set!.call(this, list.filter((defined) => !keptNames.has(defined)));
    },
  });
}

/** A kept name of the workbook's scope named `name` (ignoring case, as Excel does), else undefined. */
function keptOfWorkbook(names: object, name: string): object | undefined {
  return keptLists.get(names)?.find((defined) => {
    const kept = keptNames.get(defined)!;
    return !kept.attributes.some(([n]) => n === "localSheetId") && kept.name.toLowerCase() === name.toLowerCase();
  });
}

/** One range of cells on one sheet, as a defined name's text spells it: 'Sheet'!$A$1:$B$2 or Sheet!$A$1. */
const ONE_RANGE = /^(?:'((?:[^']|'')+)'|([^'!:*?[\]/\\,()=+\-&<>"^%;{}\s]+))!\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/;

/**
 * The sheet and cells of `name`, a kept name of the workbook's scope that is one range of cells
 * ("A2:B20" without $); null for a kept name that is not (a formula, a constant, whole columns,
 * #REF!), undefined where no name of the workbook's scope was kept under `name`.
 */
export function keptNameRange(names: object, name: string): { sheet: string; address: string } | null | undefined {
  const defined = keptOfWorkbook(names, name);
  if (!defined) return undefined;
  const match = ONE_RANGE.exec(keptNames.get(defined)!.text.trim());
  if (!match) return null;
  const sheet = match[1] !== undefined ? match[1].replace(/''/g, "'") : match[2];
  const address = `${match[3]}${match[4]}${match[5] !== undefined ? `:${match[5]}${match[6]}` : ""}`;
  return { sheet, address };
}

/** Drops the kept name of the workbook's scope named `name`, if any: the adapter is about to define it again. */
export function forgetKeptName(names: object, name: string): void {
  const defined = keptOfWorkbook(names, name);
  const list = keptLists.get(names);
  if (defined && list) list.splice(list.indexOf(defined), 1);
}

installKeptNames();
