// Keeping what the buyer typed on a checklist sheet (owner names, answers, ticks, notes):
// on refresh those cells are left alone where they stay, carried where the layout moved
// them, and kept in a "Kept from earlier versions" block when their item is gone.

// zod/mini: the pane ships this file, and zod's chained API would add tens of KB gzip to it.
import * as z from "zod/mini";
import { ANSWERABLE_CHECKS, CHECK_KEYS, CHECK_STATUSES, OWNER_KEYS, type CheckKey, type CheckStatus, type Checklist, type OwnerKey } from "../model/checklist";
import type { CellValue } from "../model/types";
import { cellAddress } from "../workbook/address";
import type { CellWrite, SheetSnapshot, WorkbookChange, WorkbookPort } from "../workbook/port";
import {
  baseLayout,
  CAPTIONS,
  COUNTERPART,
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

export type SheetInput = ChecklistInput;

/**
 * What the buyer typed on the sheet: names in the owners' Name and counterpart columns, Ready
 * or Blocker in an answerable check's Status, and the Done ticks and Notes of the contract
 * items, security rules and pilot steps.
 */
export function userInputOf(snapshot: SheetSnapshot | null, items: readonly { section: SectionTitle; label: string; key: string }[] = []): SheetInput {
  if (!snapshot) return EMPTY_INPUT;
  const old = readOldSheet(snapshot);
  const ownerNames: Partial<Record<OwnerKey, string>> = {};
  const counterpartNames: Partial<Record<OwnerKey, string>> = {};
  for (const key of OWNER_KEYS) {
    const v = old.values.get(slotKey(SECTION.owners, OWNER_ROLES[key], 1));
    if (v && text(v.value) !== "") ownerNames[key] = text(v.value);
    const c = old.values.get(slotKey(SECTION.owners, OWNER_ROLES[key], COUNTERPART));
    if (c && text(c.value) !== "") counterpartNames[key] = text(c.value);
  }
  const done: Record<string, boolean> = {};
  const notes: Record<string, string> = {};
  for (const item of items) {
    const tick = text(old.values.get(slotKey(item.section, item.label, DONE))?.value).toLowerCase();
    // A tick is anything typed in Done but a "no": x, yes, TRUE, a check mark.
    if (tick !== "" && !/^(no|n|false|0|-)$/.test(tick)) done[item.key] = true;
    const note = text(old.values.get(slotKey(item.section, item.label, NOTES))?.value);
    if (note !== "") notes[item.key] = note;
  }
  const answers: Partial<Record<CheckKey, CheckStatus>> = {};
  for (const key of ANSWERABLE_CHECKS) {
    const v = old.values.get(slotKey(SECTION.checks, CHECK_LABELS[key], 1));
    const word = text(v?.value).toLowerCase();
    // Verify is what the sheet starts with, so only a change away from it counts as an answer.
    if (word === "ready") answers[key] = "Ready";
    if (word === "blocker") answers[key] = "Blocker";
  }
  return { ownerNames, counterpartNames, answers, done, notes };
}

/** The items whose Done and Notes the pane shows too, with the section and label they have on the sheet. */
export function tickableItems(checklist: Checklist): { section: SectionTitle; label: string; key: string }[] {
  return [
    ...checklist.contractItems.map((i) => ({ section: SECTION.contract, label: i.title, key: `contract:${i.key}` })),
    ...checklist.securityRules.map((r) => ({ section: SECTION.security, label: r.title, key: `security:${r.key}` })),
    ...checklist.pilotPlan.map((p) => ({ section: SECTION.pilot, label: p.title, key: `pilot:${p.key}` })),
  ];
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
      for (const c of [1, DONE, NOTES, COUNTERPART]) if (cells[c] === null) cells[c] = { kind: "user", key: slotKey(SECTION.kept, label, c), source: slotKey(SECTION.kept, label, c), initial: "" };
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
  pane: Partial<ChecklistInput> = {},
): SheetPlan {
  const old = readOldSheet(existing);
  const initial = new Map<string, CellWrite>();
  for (const item of tickableItems(checklist)) {
    if (pane.done?.[item.key]) initial.set(slotKey(item.section, item.label, DONE), "x");
    const note = pane.notes?.[item.key];
    if (note) initial.set(slotKey(item.section, item.label, NOTES), note);
  }
  const base = baseLayout(checklist, source.table, source.rowIndex, { ownerNames: pane.ownerNames ?? {}, counterpartNames: pane.counterpartNames ?? {}, answers: pane.answers ?? {} }).map((row) =>
    row.role !== "item" ? row : { ...row, cells: row.cells.map((s) => (s?.kind === "user" && initial.has(s.key) ? { ...s, initial: initial.get(s.key)! } : s)) },
  );
  const layout = withKeptRows(base, old);

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


// ---------------------------------------------------------------------------------------
// What the buyer typed in the pane, per vendor, kept in the workbook's settings so it
// travels with the file: switching to another vendor and back, refreshing the sheet and
// reopening the workbook all find it again.

/** The setting key holding what was typed in the checklist pane. */
export const CHECKLIST_INPUT_SETTING = "OffshoreSourcing.checklistInput";

export interface ChecklistInput {
  readonly ownerNames: Partial<Record<OwnerKey, string>>;
  readonly counterpartNames: Partial<Record<OwnerKey, string>>;
  readonly answers: Partial<Record<CheckKey, CheckStatus>>;
  /** Items ticked done, by item key (a contract item, security rule or pilot step). */
  readonly done: Readonly<Record<string, boolean>>;
  readonly notes: Readonly<Record<string, string>>;
}

export const EMPTY_INPUT: ChecklistInput = { ownerNames: {}, counterpartNames: {}, answers: {}, done: {}, notes: {} };

const bounded = (max: number) => z.string().check(z.maxLength(max));
const names = z.catch(z.partialRecord(z.enum(OWNER_KEYS), bounded(500)), {});
const inputSchema = z.object({
  ownerNames: names,
  counterpartNames: names,
  answers: z.catch(z.partialRecord(z.enum(CHECK_KEYS), z.enum(CHECK_STATUSES)), {}),
  done: z.catch(z.record(bounded(100), z.boolean()), {}),
  notes: z.catch(z.record(bounded(100), bounded(5000)), {}),
});
const entries = z.catch(z.record(z.string(), z.catch(inputSchema, EMPTY_INPUT)), {});
const storeSchema = z.object({
  version: z.literal([1, 2]),
  /** The buyer's owners are the same people whichever vendor is chosen. */
  sameOwners: z.catch(z.boolean(), false),
  sharedOwnerNames: names,
  vendors: entries,
  /** Version 2: what version 1 kept, read-only (see ownEntry). */
  earlier: entries,
});
export type ChecklistStore = z.infer<typeof storeSchema> & { readonly version: 2 };

const EMPTY_STORE: ChecklistStore = { version: 2, sameOwners: false, sharedOwnerNames: {}, vendors: {}, earlier: {} };

/**
 * The store as read back; a setting another version wrote or a hand edit broke reads as empty,
 * never as an error. Version 1 kept one entry per vendor name, so the options of one vendor in
 * a rate card shared it: its entries are read as `earlier`, and nothing is written there again.
 */
export function parseChecklistStore(raw: string | undefined): ChecklistStore {
  if (!raw) return EMPTY_STORE;
  try {
    const parsed = storeSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) return EMPTY_STORE;
    const store = parsed.data;
    return store.version === 2 ? (store as ChecklistStore) : { ...store, version: 2, vendors: {}, earlier: store.vendors };
  } catch {
    return EMPTY_STORE;
  }
}

/**
 * A vendor option as the kept input knows it: the Vendor, and the Option when the table has an
 * Option column (two quotes of one vendor in a rate card, model/rateCard.ts). `rowIndex` names
 * a row with neither.
 */
export interface VendorOption {
  readonly table: string;
  readonly vendor: string;
  readonly option?: string;
  readonly rowIndex: number;
}

// Case and spacing do not split an option (groupOptions), so they do not split its entry either.
const folded = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");

/**
 * A vendor is known by its table and name, so sorting the table keeps its entry; an unnamed one
 * by its row. An option adds its Option: `table, vendor, option`, a key no name alone gives.
 */
export function vendorKey({ table, vendor, option = "", rowIndex }: VendorOption): string {
  return `${table.toLowerCase()}\u0001${option.trim() ? `${folded(vendor)}\u0001${folded(option)}` : vendor.trim() || `row ${rowIndex + 1}`}`;
}

/**
 * This option's own entry, else where version 1 kept its input, most specific first: under the
 * option's shown name "Vendor (Option)" (its evaluated checklist), then under the vendor's name
 * (a row with a bad cell, and every row before options were read). A vendor's old entry so
 * applies to each of its options until the buyer types for that option, which then has its own
 * entry; the old entry is never changed, so the other options keep reading it.
 */
function ownEntry(store: ChecklistStore, ref: VendorOption): ChecklistInput {
  const option = ref.option?.trim();
  const vendor = ref.vendor.trim();
  const earlier = option ? [vendor ? `${vendor} (${option})` : option, vendor] : [vendor];
  return store.vendors[vendorKey(ref)] ?? earlier.map((name) => store.earlier[vendorKey({ ...ref, vendor: name, option: "" })]).find(Boolean) ?? EMPTY_INPUT;
}

/** What was typed for this vendor option, with the shared owners when the buyer chose the same owners for every vendor. */
export function storedInput(store: ChecklistStore, ref: VendorOption): ChecklistInput {
  const own = ownEntry(store, ref);
  return store.sameOwners ? { ...own, ownerNames: store.sharedOwnerNames } : own;
}

function trimmed<K extends string>(record: Partial<Record<K, string>>): Partial<Record<K, string>> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => typeof v === "string" && v.trim() !== "")) as Partial<Record<K, string>>;
}

/** The store with this vendor option's input replaced; with the same owners for every vendor, the owners go to the shared entry. */
export function withStoredInput(store: ChecklistStore, ref: VendorOption, input: ChecklistInput, sameOwners: boolean): ChecklistStore {
  const entry: ChecklistInput = {
    ownerNames: sameOwners ? ownEntry(store, ref).ownerNames : trimmed(input.ownerNames),
    counterpartNames: trimmed(input.counterpartNames),
    answers: input.answers,
    done: Object.fromEntries(Object.entries(input.done).filter(([, v]) => v)),
    notes: trimmed(input.notes) as Record<string, string>,
  };
  // Turning the choice on starts the shared owners from the vendor on show.
  const sharedOwnerNames = sameOwners ? trimmed(input.ownerNames) : store.sharedOwnerNames;
  return { ...store, version: 2, sameOwners, sharedOwnerNames, vendors: { ...store.vendors, [vendorKey(ref)]: entry } };
}

/** Keeps what was typed for one vendor option in the workbook. */
export async function saveChecklistInput(port: WorkbookPort, vendor: VendorOption, input: ChecklistInput, sameOwners: boolean): Promise<void> {
  const read = await port.read({ settings: [CHECKLIST_INPUT_SETTING] });
  const store = withStoredInput(parseChecklistStore(read.settings[CHECKLIST_INPUT_SETTING]), vendor, input, sameOwners);
  await port.apply([{ kind: "setSetting", key: CHECKLIST_INPUT_SETTING, value: JSON.stringify(store) }]);
}

/** Sheet first (the buyer may have typed there since), then what the pane holds now, then what was kept. */
export function mergeInput(sheet: SheetInput, pane: Partial<ChecklistInput>, stored: ChecklistInput): ChecklistInput {
  const names = (s: Partial<Record<OwnerKey, string>>, p: Partial<Record<OwnerKey, string>> = {}, k: Partial<Record<OwnerKey, string>> = {}) =>
    mergeNames(s, mergeNames(p, k));
  return {
    ownerNames: names(sheet.ownerNames, pane.ownerNames, stored.ownerNames),
    counterpartNames: names(sheet.counterpartNames, pane.counterpartNames, stored.counterpartNames),
    answers: mergeAnswers(sheet.answers, mergeAnswers(pane.answers ?? {}, stored.answers)),
    done: { ...stored.done, ...pane.done, ...sheet.done },
    notes: { ...stored.notes, ...pane.notes, ...sheet.notes },
  };
}
