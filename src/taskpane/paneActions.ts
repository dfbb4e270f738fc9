// What the pane asks of the product, one function per buyer step. Components receive this
// through context (see PaneContext) so they hold no rule of their own; paneActionsFor binds
// it to the actions in src/actions over one WorkbookPort, and a test can swap one step for
// a failing one.
import type { BuyerTimeZoneView, SetBuyerTimeZoneOutcome } from "../actions/buyerZone";
import type { EvaluateOptions, EvaluateOutcome } from "../actions/evaluate";
import type { FinanceMode, FinanceOptions, FinanceOutcome as PreparedOutcome } from "../actions/finance";
import type { MappingView } from "../actions/mapping";
import type { FinancePlanOutcome } from "../actions/financePlan";
import type { FindTableResult, TableActionOutcome } from "../actions/tables";
import type { FieldKey } from "../model/types";
import type { RegionInfo } from "../workbook/port";

export type { EvaluateOutcome } from "../actions/evaluate";
export type { BuyerTimeZoneView, SetBuyerTimeZoneOutcome } from "../actions/buyerZone";
export type { MappedColumn, MappingView, MissingField } from "../actions/mapping";
export type { FinanceMode } from "../actions/finance";
export type { FinancePlan, FinancePlanOutcome } from "../actions/financePlan";
export type { FindTableResult, TableActionOutcome, TableCandidate } from "../actions/tables";

export type EvaluateProgress = Parameters<NonNullable<EvaluateOptions["onProgress"]>>[0];
export type FinanceProgress = Parameters<NonNullable<FinanceOptions["onProgress"]>>[0];
/** The finance action's outcome; when done, with the sheet the summary went to. */
export type FinanceOutcome =
  | (Extract<PreparedOutcome, { kind: "done" }> & { readonly sheet: string })
  | Exclude<PreparedOutcome, { kind: "done" }>;

export interface PaneActions {
  findVendorTables(): Promise<FindTableResult>;
  /** Turns the region into a table named `name` (or a free variant of it). */
  makeTable(region: RegionInfo, name: string): Promise<TableActionOutcome>;
  /** Inserts the example vendor table on a new sheet. */
  insertExampleTable(): Promise<TableActionOutcome>;
  readMapping(table: string): Promise<MappingView>;
  /** Stores a column picked by hand (column null forgets the choice); returns the new view. */
  mapByHand(table: string, field: FieldKey, column: string | null): Promise<MappingView>;
  evaluate(
    table: string,
    options: { readonly outputNames?: Readonly<Record<string, string>>; readonly onProgress?: (p: EvaluateProgress) => void },
  ): Promise<EvaluateOutcome>;
  /** The buyer time zone the workbook's assumptions sheet holds, if any. */
  readBuyerTimeZone(): Promise<BuyerTimeZoneView>;
  /** Stores a zone (IANA name, city, country, offset, abbreviation) as the workbook's buyer time zone. */
  setBuyerTimeZone(text: string): Promise<SetBuyerTimeZoneOutcome>;
  /** Writes the Finance summary sheet and turns the three output columns into plain formulas or values. */
  prepareForFinance(table: string, options: { readonly mode: FinanceMode; readonly now?: Date; readonly onProgress?: (p: FinanceProgress) => void }): Promise<FinanceOutcome>;
  /** What prepareForFinance would change, read without writing, for the buyer to confirm. */
  planFinance(table: string, mode: FinanceMode): Promise<FinancePlanOutcome>;
  /** Selects a cell in the workbook; false where there is no window to select in. */
  goToCell(sheet: string, address: string): Promise<boolean>;
}

/** A failure as the pane shows it: what happened, what to do, what was written. */
export interface PaneFailure {
  readonly what: string;
  readonly whatToDo: string;
  readonly written: string;
}
