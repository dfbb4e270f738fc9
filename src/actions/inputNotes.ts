// Where a value is legal but implausible (src/model/plausibility.ts), the cell says so in a
// note, besides the warning in the pane and on the command line, so a colleague opening the
// file sees it too. Notes the add-in wrote begin with INPUT_NOTE_PREFIX: the next evaluation
// replaces them, or takes them away once the value is corrected. A note of the buyer's is
// never written over; the warning says so instead.
import { cellAddress, parseRange } from "../workbook/address";
import type { TableSnapshot, WorkbookChange } from "../workbook/port";

/** How the add-in's notes on doubtful input cells begin, so the next evaluation can tell them from the buyer's. */
export const INPUT_NOTE_PREFIX = "Offshore Sourcing check: ";

/** A doubtful input cell: 1-based data row of the table, the column's header, what is doubtful. */
export interface NotedDoubt {
  readonly tableRow: number;
  readonly header: string;
  readonly message: string;
}

/**
 * The note changes that leave exactly one add-in note on each doubtful cell of `table` and none
 * elsewhere, from the notes the read found (none when the adapter cannot write notes), and a
 * line for each doubtful cell whose note is the buyer's own.
 */
export function inputNoteChanges(table: Pick<TableSnapshot, "sheet" | "address" | "headers" | "rowCount" | "notes">, doubts: readonly NotedDoubt[]): { changes: WorkbookChange[]; kept: string[] } {
  if (!table.notes) return { changes: [], kept: [] };
  const area = parseRange(table.address);
  const wanted = new Map<string, { tableRow: number; header: string; messages: string[] }>();
  for (const d of doubts) {
    const column = table.headers.findIndex((h) => h.toLowerCase() === d.header.toLowerCase());
    if (column < 0 || d.tableRow < 1 || d.tableRow > table.rowCount) continue;
    const address = cellAddress(area.top + d.tableRow, area.left + column);
    const entry = wanted.get(address) ?? { tableRow: d.tableRow, header: table.headers[column], messages: [] };
    if (!entry.messages.includes(d.message)) entry.messages.push(d.message);
    wanted.set(address, entry);
  }
  const existing = new Map(table.notes.map((n) => [n.address, n.text]));
  const changes: WorkbookChange[] = [];
  const kept: string[] = [];
  for (const [address, { tableRow, header, messages }] of wanted) {
    const text = `${INPUT_NOTE_PREFIX}${messages.join("\n")}`;
    const now = existing.get(address);
    if (now === undefined) changes.push({ kind: "setNote", sheet: table.sheet, address, text, replaces: false });
    else if (!now.startsWith(INPUT_NOTE_PREFIX))
      kept.push(`The cell ${address} on '${table.sheet}' (row ${tableRow}, '${header}') has a note of yours, so the add-in's warning was not added to it: ${messages.join(" ")}`);
    else if (now !== text) changes.push({ kind: "setNote", sheet: table.sheet, address, text, replaces: true });
  }
  // A note of the add-in's on a cell no longer doubtful: the value was corrected.
  for (const [address, text] of existing)
    if (text.startsWith(INPUT_NOTE_PREFIX) && !wanted.has(address)) changes.push({ kind: "setNote", sheet: table.sheet, address, text: null, replaces: true });
  return { changes, kept };
}
