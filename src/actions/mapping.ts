// The column mapping a buyer makes by hand, and which output columns the add-in wrote,
// stored in the workbook (setting MAPPING_SETTING, JSON) so both survive closing and
// reopening the file and travel with it to colleagues.

// zod/mini: the pane bundle carries this schema too.
import * as z from "zod/mini";
import { FIELDS, FIELD_BY_KEY, mapHeaders } from "../model/fields";
import { fieldText } from "../model/fieldTexts";
import type { FieldKey, HeaderMap } from "../model/types";
import { rateUnitWarning } from "../model/units";
import { EXCEL_LIMITS } from "../workbook/limits";
import { MAPPING_SETTING, type WorkbookChange, type WorkbookPort } from "../workbook/port";
import { parseStoredSetting } from "../workbook/storedSetting";

export type OutputKey = "totalCost" | "riskScore" | "locationFit";

/** What the workbook remembers about one table. */
export interface TableMemory {
  /** Field -> the table's header the buyer chose for it. */
  readonly byHand: Partial<Record<FieldKey, string>>;
  /** The headers the add-in's output columns have in this table (after a rename to avoid a collision). */
  readonly outputs: Partial<Record<OutputKey, string>>;
  /** The header of the key column Prepare for finance wrote (plain values the table columns look their row up by). */
  readonly financeKey?: string;
}

export interface MappingSetting {
  readonly version: 1;
  /** By table name in lower case (Excel table names are case-insensitive). */
  readonly tables: Readonly<Record<string, TableMemory>>;
}

const EMPTY: MappingSetting = { version: 1, tables: {} };

// What rememberTable can have written, and nothing else: a header is a cell's text (a table
// header is never empty), a table is keyed by its name in lower case (Excel's table names
// are at most 255 characters), and only fields and output columns the add-in knows appear.
const OUTPUT_KEYS = ["totalCost", "riskScore", "locationFit"] as const satisfies readonly OutputKey[];
const storedHeader = z.string().check(z.minLength(1), z.maxLength(EXCEL_LIMITS.cellText));
const tableKey = z.string().check(
  z.minLength(1),
  z.maxLength(255),
  z.refine((name) => name === name.toLowerCase()),
);
export const MAPPING_SETTING_SCHEMA = z.strictObject({
  version: z.literal(1),
  tables: z.record(
    tableKey,
    z.strictObject({
      byHand: z.partialRecord(z.enum(FIELDS.map((f) => f.key) as [FieldKey, ...FieldKey[]]), storedHeader),
      outputs: z.partialRecord(z.enum(OUTPUT_KEYS), storedHeader),
      financeKey: z.optional(storedHeader),
    }),
  ),
});

/** The stored setting checked against what the add-in writes; one that fails counts as nothing stored, with the line saying so. */
export function readMappingSetting(text: string | undefined): { setting: MappingSetting; ignored: string } {
  const parsed = parseStoredSetting(text, MAPPING_SETTING_SCHEMA, "column mapping setting");
  return { setting: parsed.value ?? EMPTY, ignored: parsed.ignored };
}

/** The stored setting, or nothing stored when it is not one the add-in writes (see readMappingSetting for the line saying so). */
export function parseMappingSetting(text: string | undefined): MappingSetting {
  return readMappingSetting(text).setting;
}

export function tableMemory(setting: MappingSetting, table: string): TableMemory {
  return setting.tables[table.toLowerCase()] ?? { byHand: {}, outputs: {} };
}

/** The change that stores `memory` for `table`, keeping what is stored for other tables. */
export function rememberTable(setting: MappingSetting, table: string, memory: TableMemory): WorkbookChange {
  const next: MappingSetting = { version: 1, tables: { ...setting.tables, [table.toLowerCase()]: memory } };
  return { kind: "setSetting", key: MAPPING_SETTING, value: JSON.stringify(next) };
}

// ---- The mapping as the pane shows it ----

export interface MappedColumn {
  readonly field: FieldKey;
  /** The field's documented header ("Hourly rate"). */
  readonly fieldHeader: string;
  /** The table's header that feeds it ("Rate/h"). */
  readonly column: string;
  /** True when the buyer picked this column by hand. */
  readonly byHand: boolean;
}

export interface MissingField {
  readonly field: FieldKey;
  readonly fieldHeader: string;
  readonly whatToDo: string;
}

export interface MappingView {
  readonly table: string;
  readonly headers: readonly string[];
  readonly recognised: readonly MappedColumn[];
  readonly missingRequired: readonly MissingField[];
  readonly ignored: readonly string[];
  readonly mappableFields: readonly { readonly field: FieldKey; readonly fieldHeader: string; readonly required: boolean }[];
  /** Doubts about a mapped column, such as a price per day feeding the hourly rate. */
  readonly warnings: readonly string[];
}

export function missingFieldAdvice(field: FieldKey): string {
  const { description } = fieldText(field);
  return `Add a column headed '${FIELD_BY_KEY[field].header}' (${description.charAt(0).toLowerCase()}${description.slice(1).replace(/\.$/, "")}), or pick the column that holds it by hand.`;
}

export function mappingView(table: string, headers: readonly string[], byHand: Partial<Record<FieldKey, string>>, map: HeaderMap = mapHeaders(headers, byHand)): MappingView {
  const recognised: MappedColumn[] = FIELDS.filter((f) => map.columns[f.key] !== undefined).map((f) => {
    const column = headers[map.columns[f.key]!];
    return { field: f.key, fieldHeader: f.header, column, byHand: byHand[f.key] !== undefined && byHand[f.key]!.toLowerCase() === column.toLowerCase() };
  });
  return {
    table,
    headers,
    recognised,
    missingRequired: map.missingRequired.map((field) => ({ field, fieldHeader: FIELD_BY_KEY[field].header, whatToDo: missingFieldAdvice(field) })),
    ignored: map.ignored,
    mappableFields: FIELDS.map((f) => ({ field: f.key, fieldHeader: f.header, required: f.required })),
    warnings: recognised.flatMap((m) => (m.field === "hourlyRate" ? [rateUnitWarning(m.column)].filter((w): w is string => w !== null) : [])),
  };
}

/** The current mapping of `table` (stored choices applied), or null when the table is gone. */
export async function readMapping(port: WorkbookPort, table: string): Promise<MappingView | null> {
  const read = await port.read({ table: { name: table }, settings: [MAPPING_SETTING] });
  if (!read.table) return null;
  const { setting, ignored } = readMappingSetting(read.settings[MAPPING_SETTING]);
  const memory = tableMemory(setting, table);
  const view = mappingView(read.table.name, inputHeaders(read.table.headers, memory), memory.byHand);
  return ignored ? { ...view, warnings: [ignored, ...view.warnings] } : view;
}

/** Stores the buyer's choice of `column` for `field` (null forgets it) and returns the new view. */
export async function mapByHand(port: WorkbookPort, table: string, field: FieldKey, column: string | null): Promise<MappingView | null> {
  const read = await port.read({ table: { name: table }, settings: [MAPPING_SETTING] });
  if (!read.table) return null;
  const setting = parseMappingSetting(read.settings[MAPPING_SETTING]);
  const memory = tableMemory(setting, table);
  const byHand = { ...memory.byHand };
  if (column === null) delete byHand[field];
  else {
    // One column feeds one field: a column moved to another field leaves the old one.
    for (const [other, header] of Object.entries(byHand)) if (header.toLowerCase() === column.toLowerCase()) delete byHand[other as FieldKey];
    byHand[field] = column;
  }
  const next = { ...memory, byHand };
  await port.apply([rememberTable(setting, read.table.name, next)]);
  return mappingView(read.table.name, inputHeaders(read.table.headers, next), byHand);
}

/** Headers of the input columns: the add-in's own output and key columns are not inputs. */
export function inputHeaders(headers: readonly string[], memory: TableMemory): string[] {
  const outputs = new Set([...Object.values(memory.outputs), ...(memory.financeKey ? [memory.financeKey] : [])].map((h) => h!.toLowerCase()));
  return headers.filter((h) => !outputs.has(h.toLowerCase()));
}
