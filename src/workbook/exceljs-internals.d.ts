// The parts of ExcelJS 4.4's package writer (lib/xlsx/xlsx.js) that the xlsx adapter calls to
// write one worksheet part in pieces: its XML stream and the renderers its addWorksheets uses.
// ExcelJS ships no types for them; only what the adapter touches is declared.
declare module "exceljs/lib/utils/xml-stream" {
  export default class XmlStream {
    /** The pieces written so far; joined by `xml`. */
    _xml: string[];
    /** Open rollback points; pieces may only be taken away while there is none. */
    _rollbacks: unknown[];
    /** A start tag is open (its ">" not yet written). */
    open: boolean;
    readonly xml: string;
  }
}
declare module "exceljs/lib/xlsx/xform/sheet/worksheet-xform" {
  export default class WorksheetXform {
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
