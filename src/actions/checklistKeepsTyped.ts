// Keeping what the buyer typed on a checklist sheet (owner names, answers, ticks, notes):
// on refresh those cells are left alone where they stay, carried where the layout moved
// them, and kept in a "Kept from earlier versions" block when their item is gone.

import { ANSWERABLE_CHECKS, OWNER_KEYS, type CheckKey, type CheckStatus, type Checklist, type OwnerKey } from "../model/checklist";
import type { CellValue } from "../model/types";
import { cellAddress } from "../workbook/address";
import type { CellWrite, SheetSnapshot, WorkbookChange } from "../workbook/port";
import {
  baseLayout,
  CAPTIONS,
  CATALOG,
  CHECK_LABELS,
  DONE,
  formatsFor,
  gen,
  gridOf,
  isEmpty,
  isKeptLabel,
  NOTES,
  OWNER_ROLES,
  SECTION,
  SECTION_TITLES,
  sectionRows,
  slotKey,
  SOURCE_ROW,
  structuralEmpty,
  text,
  TITLE,
  userColumns,
  WIDTH,
  type Grid,
  type PlannedRow,
  type RowRole,
  type SectionTitle,
  type Slot,
} from "./checklistSheetLayout";

/** Names and answers for a row: those on its sheet win over those typed in the pane. */
export function mergeChecklistInput(
  sheet: { ownerNames: Partial<Record<OwnerKey, string>>; answers: Partial<Record<CheckKey, CheckStatus>> },
  pane: { ownerNames?: Partial<Record<OwnerKey, string>>; answers?: Partial<Record<CheckKey, CheckStatus>> },
): { ownerNames: Partial<Record<OwnerKey, string>>; answers: Partial<Record<CheckKey, CheckStatus>> } {
  return { ownerNames: mergeNames(sheet.ownerNames, pane.ownerNames), answers: mergeAnswers(sheet.answers, pane.answers) };
}

export function mergeNames(sheet: Partial<Record<OwnerKey, string>>, pane: Partial<Record<OwnerKey, string>> = {}): Partial<Record<OwnerKey, string>> {
  const out: Partial<Record<OwnerKey, string>> = {};
  for (const key of OWNER_KEYS) {
    const name = sheet[key]?.trim() || pane[key]?.trim() || "";
    if (name) out[key] = name;
  }
  return out;
}

export function mergeAnswers(sheet: Partial<Record<CheckKey, CheckStatus>>, pane: Partial<Record<CheckKey, CheckStatus>> = {}): Partial<Record<CheckKey, CheckStatus>> {
  const out: Partial<Record<CheckKey, CheckStatus>> = {};
  for (const key of ANSWERABLE_CHECKS) {
    const answer = sheet[key] ?? pane[key];
    if (answer) out[key] = answer;
  }
  return out;
}


interface OldValue {
  readonly row: number;
  readonly column: number;
  /** What to write to carry it elsewhere: a formula stays a formula, text stays text. */
  readonly write: Exclude<CellWrite, null>;
  readonly value: CellValue;
}

interface OldSheet {
  /** Row,column -> "generated" or the slot key it belonged to; absent means the add-in never wrote it. */
  readonly owner: Map<string, string>;
  /** Slot key -> the buyer's non-empty value. Loose cells (`cell:G40`) hold what the buyer typed outside any slot. */
  readonly values: Map<string, OldValue>;
  /** Slot keys grouped by item (section + label), in sheet order. */
  readonly items: Map<string, { section: SectionTitle; label: string; keys: string[] }>;
  readonly grid: Grid;
}

const at = (row: number, column: number) => `${row},${column}`;
const GENERATED = "generated";

function readOldSheet(snapshot: SheetSnapshot | null): OldSheet {
  const grid = gridOf(snapshot);
  const owner = new Map<string, string>();
  const values = new Map<string, OldValue>();
  const items = new Map<string, { section: SectionTitle; label: string; keys: string[] }>();
  if (grid.rows === 0 || text(grid.get(0, 0)) !== TITLE) return { owner, values, items, grid };

  const oldValue = (r: number, c: number): OldValue | null => {
    const value = grid.get(r, c);
    const formula = grid.formula(r, c);
    if (isEmpty(value) && isEmpty(formula)) return null;
    // A formula reads back as its text in `formulas` and as its result in `values`.
    const isFormula = typeof formula === "string" && formula.startsWith("=") && formula !== value;
    const write: Exclude<CellWrite, null> = isFormula ? { formula: formula as string, cachedValue: value } : (value as string | number | boolean);
    return { row: r, column: c, write, value };
  };
  // Cells the add-in never writes but the buyer filled are left unmarked: they are the buyer's.
  const mark = (r: number, c: number, role: RowRole, section?: SectionTitle) => {
    if (!(structuralEmpty(role, section, c, text(grid.get(r, 0))) && oldValue(r, c))) owner.set(at(r, c), GENERATED);
  };
  const markRow = (r: number, role: RowRole, section?: SectionTitle) => {
    for (let c = 0; c < WIDTH; c++) mark(r, c, role, section);
  };

  let section: SectionTitle | null = null;
  for (let r = 0; r < grid.rows; r++) {
    const a = text(grid.get(r, 0));
    if (r <= SOURCE_ROW && (r === 0 || a === "Generated" || a === "Source table")) {
      markRow(r, r === 0 ? "title" : "meta");
      continue;
    }
    if (SECTION_TITLES.includes(a)) {
      section = a as SectionTitle;
      markRow(r, "section", section);
      const captions = CAPTIONS[section];
      if (captions && text(grid.get(r + 1, 0)) === captions[0]) markRow(++r, "caption", section);
      continue;
    }
    if (a === "" && section === SECTION.kept) section = null; // the block ends at its first blank row
    if (!section || a === "") continue;
    const catalog = CATALOG[section];
    if (catalog === "kept" ? !isKeptLabel(a) : !catalog.has(a)) continue;
    const owned = userColumns(section, a);
    const itemKey = slotKey(section, a, -1);
    if (items.has(itemKey)) continue; // a copied row: the first one is the add-in's
    const keys: string[] = [];
    for (let c = 0; c < WIDTH; c++) {
      if (!owned.includes(c)) {
        mark(r, c, section === SECTION.facts ? "fact" : "item", section);
        continue;
      }
      const key = slotKey(section, a, c);
      owner.set(at(r, c), key);
      keys.push(key);
      const v = oldValue(r, c);
      if (v) values.set(key, v);
    }
    items.set(itemKey, { section, label: a, keys });
  }
  // What the buyer typed in the add-in's columns outside any slot (spacer rows, below the checklist).
  for (let r = 0; r < grid.rows; r++)
    for (let c = 0; c < WIDTH; c++)
      if (!owner.has(at(r, c))) {
        const v = oldValue(r, c);
        if (v) values.set(`cell:${cellAddress(r, c)}`, v);
      }
  return { owner, values, items, grid };
}

/** Ready or Blocker typed in an answerable check's Status, and names typed in the owners' Name column. */
export function userInputOf(snapshot: SheetSnapshot): { ownerNames: Partial<Record<OwnerKey, string>>; answers: Partial<Record<CheckKey, CheckStatus>> } {
  const old = readOldSheet(snapshot);
  const ownerNames: Partial<Record<OwnerKey, string>> = {};
  for (const key of OWNER_KEYS) {
    const v = old.values.get(slotKey(SECTION.owners, OWNER_ROLES[key], 1));
    if (v && text(v.value) !== "") ownerNames[key] = text(v.value);
  }
  const answers: Partial<Record<CheckKey, CheckStatus>> = {};
  for (const key of ANSWERABLE_CHECKS) {
    const v = old.values.get(slotKey(SECTION.checks, CHECK_LABELS[key], 1));
    const word = text(v?.value).toLowerCase();
    // Verify is what the sheet starts with, so only a change away from it counts as an answer.
    if (word === "ready") answers[key] = "Ready";
    if (word === "blocker") answers[key] = "Blocker";
  }
  return { ownerNames, answers };
}

// ---------------------------------------------------------------------------------------
// Planning the write

export interface SheetPlan {
  readonly changes: WorkbookChange[];
  /** Cells the buyer typed that stay or were carried. */
  readonly keptCells: number;
}

/** Adds the "kept" block for buyer input whose place is gone; grows until nothing new is displaced. */
function withKeptRows(base: PlannedRow[], old: OldSheet): PlannedRow[] {
  const keptItems = new Map<string, PlannedRow>();
  for (let round = 0; round < 4; round++) {
    const rows = keptItems.size > 0 ? [...base, ...sectionRows(SECTION.kept), ...keptItems.values()] : base;
    const placed = new Set<string>();
    rows.forEach((row) => row.cells.forEach((s) => s?.kind === "user" && placed.add(s.source)));
    let added = false;
    // Items whose slots hold buyer input but have no place in the new layout.
    for (const item of old.items.values()) {
      const orphaned = item.keys.filter((k) => old.values.has(k) && !placed.has(k));
      if (orphaned.length === 0) continue;
      const label = item.section === SECTION.kept ? item.label : `${item.section}: ${item.label}`;
      const id = slotKey(SECTION.kept, label, -1);
      if (keptItems.has(id)) continue;
      const cells: Slot[] = Array.from({ length: WIDTH }, (_, c) => (c === 0 ? gen(label) : null));
      for (const k of orphaned) {
        const column = Number(k.split("\u0001")[2]);
        cells[column] = { kind: "user", key: slotKey(SECTION.kept, label, column), source: k, initial: "" };
      }
      for (const c of [1, DONE, NOTES]) if (cells[c] === null) cells[c] = { kind: "user", key: slotKey(SECTION.kept, label, c), source: slotKey(SECTION.kept, label, c), initial: "" };
      keptItems.set(id, { role: "item", section: SECTION.kept, cells });
      added = true;
    }
    // Loose cells the new layout would write over.
    rows.forEach((row, r) =>
      row.cells.forEach((slot, c) => {
        const loose = `cell:${cellAddress(r, c)}`;
        if (slot === null || !old.values.has(loose) || placed.has(loose)) return;
        const label = `Cell ${cellAddress(r, c)}`;
        const id = slotKey(SECTION.kept, label, -1);
        if (keptItems.has(id)) return;
        const cells: Slot[] = Array.from({ length: WIDTH }, (_, col) =>
          col === 0 ? gen(label) : col === 1 || col === DONE || col === NOTES ? { kind: "user", key: slotKey(SECTION.kept, label, col), source: col === NOTES ? loose : slotKey(SECTION.kept, label, col), initial: "" } : null,
        );
        keptItems.set(id, { role: "item", section: SECTION.kept, cells });
        added = true;
      }),
    );
    if (!added) return keptItems.size > 0 ? [...base, ...sectionRows(SECTION.kept), ...keptItems.values()] : base;
  }
  return [...base, ...sectionRows(SECTION.kept), ...keptItems.values()];
}

export function planChecklistSheet(
  sheet: string,
  existing: SheetSnapshot | null,
  checklist: Checklist,
  source: { table: string; rowIndex: number },
  pane: { ownerNames?: Partial<Record<OwnerKey, string>>; answers?: Partial<Record<CheckKey, CheckStatus>> } = {},
): SheetPlan {
  const old = readOldSheet(existing);
  const layout = withKeptRows(baseLayout(checklist, source.table, source.rowIndex, { ownerNames: pane.ownerNames ?? {}, answers: pane.answers ?? {} }), old);

  // Where each earlier buyer value lands now.
  const landing = new Map<string, string>();
  layout.forEach((row, r) => row.cells.forEach((s, c) => s?.kind === "user" && old.values.has(s.source) && landing.set(s.source, at(r, c))));

  const height = Math.max(layout.length, old.grid.rows);
  const cells: CellWrite[][] = [];
  const clear: boolean[][] = [];
  let keptCells = 0;
  for (let r = 0; r < height; r++) {
    const slots = layout[r]?.cells ?? [];
    const writeRow: CellWrite[] = [];
    const clearRow: boolean[] = [];
    for (let c = 0; c < WIDTH; c++) {
      const slot = slots[c] ?? null;
      const wasOwner = old.owner.get(at(r, c));
      const loose = old.values.get(`cell:${cellAddress(r, c)}`);
      // What sat here before and is not staying in place is cleared, formats included.
      const earlierHere = slot?.kind === "user" ? old.values.get(slot.source) : undefined;
      const stays = earlierHere !== undefined && earlierHere.row === r && earlierHere.column === c;
      const wasOurs = wasOwner !== undefined || (loose !== undefined && landing.has(`cell:${cellAddress(r, c)}`));
      clearRow.push(wasOurs && !stays);
      if (!slot) {
        writeRow.push(null);
      } else if (slot.kind === "generated") {
        writeRow.push(slot.value);
      } else {
        const earlier = old.values.get(slot.source);
        const replaced = earlier && slot.replaces !== undefined && text(earlier.value).toLowerCase() === slot.replaces;
        if (replaced && !isEmpty(slot.initial as CellValue) && text(slot.initial as CellValue).toLowerCase() !== slot.replaces) {
          writeRow.push(slot.initial);
        } else if (earlier) {
          if (!replaced) keptCells++;
          writeRow.push(stays ? null : earlier.write);
        } else if (!wasOurs && !isEmpty(old.grid.get(r, c))) {
          writeRow.push(null); // never write over something typed here that no slot claims
        } else {
          writeRow.push(isEmpty(slot.initial as CellValue) && !wasOurs ? null : slot.initial);
        }
      }
    }
    cells.push(writeRow);
    clear.push(clearRow);
  }

  const changes: WorkbookChange[] = [{ kind: "ensureSheet", sheet, activate: true }];
  // Clear runs row by row (values and formats of what the add-in wrote, or moved away).
  clear.forEach((row, r) => {
    let start = -1;
    for (let c = 0; c <= WIDTH; c++) {
      if (c < WIDTH && row[c]) {
        if (start < 0) start = c;
      } else if (start >= 0) {
        changes.push({ kind: "clearRange", sheet, address: start === c - 1 ? cellAddress(r, start) : `${cellAddress(r, start)}:${cellAddress(r, c - 1)}` });
        start = -1;
      }
    }
  });
  changes.push({ kind: "writeRange", sheet, address: "A1", cells: cells.slice(0, layout.length) });
  changes.push(...formatsFor(sheet, layout));
  return { changes, keptCells };
}

