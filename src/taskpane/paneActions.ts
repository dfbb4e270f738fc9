// What the pane asks of the product, one function per buyer step. Components receive this
// through context (see PaneContext) so they hold no rule of their own; the default
// implementation (paneActionsFor) forwards to src/actions over a WorkbookPort.
export type { MappedColumn, MappingView, MissingField } from "../actions/mapping";
import type { MappingView } from "../actions/mapping";
import type { FieldKey } from "../model/types";
import type { RegionInfo, TableInfo, WorkbookChange } from "../workbook/port";

/** A table offered in the "find the table" step. */
export interface TableCandidate {
  readonly table: TableInfo;
  /** Fields the headers name (mapping by hand included). */
  readonly recognised: number;
  readonly missingRequired: readonly FieldKey[];
}

export interface FindTableResult {
  /** Tables whose headers the model recognises, best match first. */
  readonly tables: readonly TableCandidate[];
  /** When there is no such table: the block around the selection, if its headers look right. */
  readonly region: RegionInfo | null;
}

export interface EvaluateProgress {
  readonly done: number;
  readonly total: number;
}

export type EvaluateOutcome =
  | {
      readonly kind: "done";
      readonly table: string;
      readonly rowCount: number;
      /** Output headers written, left to right. */
      readonly columns: readonly string[];
      /** Rows the model could not compute, each with its message (the rest still computed). */
      readonly rowErrors: readonly { readonly row: number; readonly message: string }[];
      /** One line on the assumptions sheet (created or kept). */
      readonly assumptionsNote?: string;
    }
  | {
      /** A column with an output's name holds the buyer's own values: nothing was written. */
      readonly kind: "collision";
      readonly header: string;
      /** A free name the buyer can accept instead. */
      readonly suggestion: string;
      readonly message: string;
    }
  | {
      readonly kind: "refused";
      /** What happened and what to do; nothing was written. */
      readonly message: string;
    };

export interface PaneActions {
  findVendorTables(): Promise<FindTableResult>;
  /** Turns the region into a table; returns the new table's name. */
  makeTable(region: RegionInfo, name: string): Promise<string>;
  /** Inserts the example vendor table on a new sheet; returns its name. */
  insertExampleTable(): Promise<string>;
  readMapping(table: string): Promise<MappingView>;
  /** Stores a column picked by hand (column null forgets the choice); returns the new view. */
  mapByHand(table: string, field: FieldKey, column: string | null): Promise<MappingView>;
  evaluate(
    table: string,
    options: { readonly outputNames?: Readonly<Record<string, string>>; readonly onProgress?: (p: EvaluateProgress) => void },
  ): Promise<EvaluateOutcome>;
}

/** A failure as the pane shows it: what happened, what to do, what was written. */
export interface PaneFailure {
  readonly what: string;
  readonly whatToDo: string;
  readonly written: string;
}

/** Describes changes in words for "what was written" ("column Total cost of Vendors"). */
export function describeChanges(changes: readonly WorkbookChange[]): string {
  if (changes.length === 0) return "Nothing was written.";
  const parts = changes.map((c) => {
    switch (c.kind) {
      case "setTableColumn":
        return `column '${c.header}' of table ${c.table}`;
      case "ensureSheet":
        return `sheet '${c.sheet}'`;
      case "writeRange":
      case "clearRange":
      case "formatRange":
        return `cells ${c.address} on '${c.sheet}'`;
      case "createTable":
        return `table ${c.name} on '${c.sheet}'`;
      case "convertRangeToTable":
        return `table ${c.name} from ${c.address} on '${c.sheet}'`;
      case "setName":
        return `name ${c.name}`;
      case "setSetting":
        return "the column mapping setting";
    }
  });
  return "Written: " + Array.from(new Set(parts)).join("; ") + ".";
}
