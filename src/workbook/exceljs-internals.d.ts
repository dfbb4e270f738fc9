// The parts of ExcelJS 4.4's package writer (lib/xlsx/xlsx.js) that the xlsx adapter calls to
// write one worksheet part in pieces: its XML stream and the renderers its addWorksheets uses,
// and the helpers its cell renderer (lib/xlsx/xform/sheet/cell-xform.js) escapes text, converts
// dates and spans shared formulas with, which the made sheets' renderer (xlsxCreatedSheet.ts)
// calls so that its XML is theirs. ExcelJS ships no types for them; only what the adapter
// touches is declared.
//
// The workbook class and the enums are taken from their own modules rather than the package's
// entry point (lib/exceljs.nodejs.js), which also loads the streaming reader and writer and
// with them unzipper and archiver, dozens of modules the adapter never uses, on every start of
// the command line.
declare module "exceljs/lib/doc/workbook" {
  const Workbook: typeof import("exceljs").Workbook;
  export default Workbook;
}
declare module "exceljs/lib/doc/enums" {
  const enums: { readonly ValueType: typeof import("exceljs").ValueType };
  export default enums;
}
declare module "exceljs/lib/utils/xml-stream" {
  export default class XmlStream {
    /** The pieces written so far; joined by `xml`. */
    _xml: string[];
    /** Open rollback points; pieces may only be taken away while there is none. */
    _rollbacks: unknown[];
    /** A start tag is open (its ">" not yet written). */
    open: boolean;
    readonly xml: string;
    openNode(name: string, attributes?: Record<string, unknown>): void;
    /** An attribute of the element just opened; its value escaped. */
    addAttribute(name: string, value: unknown): void;
    /** Text inside the element open, escaped. */
    writeText(text: string): void;
    writeXml(xml: string): void;
    closeNode(): void;
    leafNode(name: string): void;
  }
}
declare module "exceljs/lib/utils/utils" {
  const utils: {
    /** Escapes &, <, >, " and ' and drops the control characters XML 1.0 cannot hold (U+0000-U+0008, U+000B, U+000C, U+000E-U+001F, U+007F). */
    xmlEncode(text: string): string;
    dateToExcel(date: Date, date1904?: boolean): number;
  };
  export default utils;
}
declare module "exceljs/lib/doc/range" {
  export default class Range {
    constructor(from: string, to: string);
    expandToAddress(address: string): void;
    readonly range: string;
  }
}
declare module "exceljs/lib/xlsx/xform/sheet/worksheet-xform" {
  export default class WorksheetXform {
    /** The renderers of the sheet's parts by element; `sheetData` renders the rows. */
    map: { sheetData: { render(stream: import("exceljs/lib/utils/xml-stream").default, rows: unknown): void } };
    render(stream: import("exceljs/lib/utils/xml-stream").default, model: unknown): void;
  }
}
declare module "exceljs/lib/xlsx/xform/sheet/data-validations-xform" {
  /** ExcelJS's parser and renderer of a sheet's data validations (`<dataValidations>`). */
  export default class DataValidationsXform {}
}
declare module "exceljs/lib/xlsx/xform/book/defined-name-xform" {
  /** ExcelJS's parser and renderer of one defined name (`<definedName>`). */
  export default class DefinedNameXform {}
}
declare module "exceljs/lib/xlsx/xform/book/workbook-xform" {
  /** ExcelJS's parser and renderer of the workbook part; its `reconcile` and `prepare` see the defined names. */
  export default class WorkbookXform {}
}
declare module "exceljs/lib/doc/defined-names" {
  /** A workbook's defined names (workbook.definedNames), with its `model` accessor. */
  export default class DefinedNames {}
}
declare module "exceljs/lib/xlsx/xform/sheet/cell-xform" {
  export default class CellXform {
    render(stream: import("exceljs/lib/utils/xml-stream").default, model: unknown): void;
  }
}
declare module "exceljs/lib/xlsx/xform/core/relationships-xform" {
  export default class RelationshipsXform {
    render(stream: import("exceljs/lib/utils/xml-stream").default, model: unknown): void;
  }
}
declare module "exceljs/lib/xlsx/xform/comment/comments-xform" {
  export default class CommentsXform {
    render(stream: import("exceljs/lib/utils/xml-stream").default, model: unknown): void;
  }
}
declare module "exceljs/lib/xlsx/xform/comment/vml-notes-xform" {
  export default class VmlNotesXform {
    render(stream: import("exceljs/lib/utils/xml-stream").default, model: unknown): void;
  }
}
declare module "exceljs/lib/xlsx/xform/sheet/row-xform" {
  export default class RowXform {
    prepare(model: unknown, options: unknown): void;
    render(stream: import("exceljs/lib/utils/xml-stream").default, model: unknown): void;
  }
}
declare module "exceljs/lib/xlsx/xform/style/styles-xform" {
  export default class StylesXform {
    /** `true` starts the tables with ExcelJS's defaults and numbers style objects it has seen by a weakMap, as the package writer does. */
    constructor(initialise?: boolean);
    addStyleModel(style: object, cellType?: import("exceljs").ValueType): number;
    weakMap?: WeakMap<object, number>;
  }
}
declare module "exceljs/lib/xlsx/xform/strings/shared-strings-xform" {
  export default class SharedStringsXform {
    add(value: unknown): number;
    readonly count: number;
  }
}
declare module "exceljs/lib/doc/cell" {
  const Cell: { prototype: object };
  export default Cell;
}
declare module "exceljs/lib/doc/row" {
  /** A sheet's row: made for a row number, its cells set from the row's model as ExcelJS reads a file. */
  export default class Row {
    constructor(worksheet: unknown, number: number);
    readonly number: number;
    model: unknown;
  }
}
declare module "exceljs/lib/doc/worksheet" {
  /** ExcelJS's Worksheet class, for the method its `model` setter makes its rows with. */
  export default class Worksheet {
    _parseRows(model: unknown): void;
  }
}
declare module "exceljs/lib/utils/shared-formula" {
  /** A formula moved from one cell to another, its relative references moved with it: how ExcelJS gives a shared formula's clone its formula. */
  export function slideFormula(formula: string, fromCell: string, toCell: string): string;
}
declare module "exceljs/lib/xlsx/xform/sheet/row-xform" {
  /** ExcelJS's parser and renderer of a row (`<row>`); its `reconcile` resolves the row's cells' styles, strings and shared formulas. */
  export default class RowXform {
    reconcile(model: unknown, options: unknown): void;
  }
}
