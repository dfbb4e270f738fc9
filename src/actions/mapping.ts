// The column mapping a buyer makes by hand, and which output columns the add-in wrote,
// stored in the workbook (setting MAPPING_SETTING, JSON) so both survive closing and
// reopening the file and travel with it to colleagues.

import { FIELDS, FIELD_BY_KEY, mapHeaders } from "../model/fields";
import { fieldText } from "../model/fieldTexts";
import type { FieldKey, HeaderMap } from "../model/types";
import { rateUnitWarning } from "../model/units";
import { MAPPING_SETTING, type WorkbookChange, type WorkbookPort } from "../workbook/port";

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

/** Reads the stored JSON; anything unreadable counts as "nothing stored" rather than an error. */
export function parseMappingSetting(text: string | undefined): MappingSetting {
  if (!text) return EMPTY;
  try {
    const parsed = JSON.parse(text) as Partial<MappingSetting>;
    if (!parsed || typeof parsed !== "object" || typeof parsed.tables !== "object" || parsed.tables === null) return EMPTY;
    const tables: Record<string, TableMemory> = {};
    for (const [name, memory] of Object.entries(parsed.tables)) {
      const byHand: Partial<Record<FieldKey, string>> = {};
      for (const [field, header] of Object.entries(memory?.byHand ?? {}))
        if (field in FIELD_BY_KEY && typeof header === "string") byHand[field as FieldKey] = header;
      const outputs: Partial<Record<OutputKey, string>> = {};
      for (const [key, header] of Object.entries(memory?.outputs ?? {}))
        if ((key === "totalCost" || key === "riskScore" || key === "locationFit") && typeof header === "string") outputs[key] = header;
      const financeKey = typeof memory?.financeKey === "string" ? { financeKey: memory.financeKey } : {};
      tables[name.toLowerCase()] = { byHand, outputs, ...financeKey };
    }
    return { version: 1, tables };
  } catch {
    return EMPTY;
  }
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
  const memory = tableMemory(parseMappingSetting(read.settings[MAPPING_SETTING]), table);
  return mappingView(read.table.name, inputHeaders(read.table.headers, memory), memory.byHand);
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
