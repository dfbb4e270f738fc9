// The governance checklist of the selected vendor row: read the row, evaluate it through the
// model, and insert it as a formatted sheet per vendor. Running it again refreshes the
// generated parts in place and keeps what the buyer typed on that sheet (owner names,
// answers, ticks, notes): those cells are written as `null` (left alone) where they stay,
// carried where the layout moved them, and kept in a "Kept from earlier versions" block
// when the item they belonged to is gone. Nothing the buyer typed is ever dropped.

import { parseAssumptions, type Assumptions } from "../model/assumptions";
import {
  ANSWERABLE_CHECKS,
  buildChecklist,
  CHECK_KEYS,
  OWNER_KEYS,
  PILOT_STEP_TITLES,
  SECURITY_RULE_TITLES,
  formatRate,
  locationText,
  type CheckKey,
  type CheckStatus,
  type Checklist,
  type OwnerKey,
} from "../model/checklist";
import { evaluateCells, isBlankRow, mapHeaders, RISK_DRIVERS } from "../model";
import type { CellValue, Evaluation } from "../model/types";
import type { CalendarDate } from "../model/zones";
import { rowName } from "../model/results";
import { cellAddress, parseCell, parseRange } from "../workbook/address";
import {
  ASSUMPTIONS_SHEET,
  MAPPING_SETTING,
  type CellFormat,
  type CellWrite,
  type SheetSnapshot,
  type WorkbookChange,
  type WorkbookPort,
} from "../workbook/port";
import { inputHeaders, parseMappingSetting, tableMemory } from "./mapping";
import { undoHint } from "./outcome";

// ---------------------------------------------------------------------------------------
// Reading the selected row

export interface ChecklistRequest {
  /** Table and data row; when absent, the selection decides. */
  readonly table?: string | null;
  readonly rowIndex?: number;
  /** Names typed in the pane; names typed on the sheet win. */
  readonly ownerNames?: Partial<Record<OwnerKey, string>>;
  /** Answers chosen in the pane; Ready or Blocker typed on the sheet win. */
  readonly answers?: Partial<Record<CheckKey, CheckStatus>>;
  readonly today?: CalendarDate;
}

export interface LoadedChecklist {
  readonly kind: "ready";
  readonly table: string;
  readonly rowIndex: number;
  readonly evaluation: Evaluation;
  /** The assumptions the row was evaluated with; the checklist reads its rules from them. */
  readonly assumptions: Assumptions;
  readonly checklist: Checklist;
  /** The sheet this vendor's checklist has or will have. */
  readonly sheetName: string;
  readonly sheetExists: boolean;
  /** Names and answers as merged from the sheet and the request. */
  readonly ownerNames: Partial<Record<OwnerKey, string>>;
  readonly answers: Partial<Record<CheckKey, CheckStatus>>;
}

export type ChecklistLoad =
  | LoadedChecklist
  /** Nothing to show yet: no row selected, or a blank row. */
  | { readonly kind: "none"; readonly message: string }
  /** The row cannot be evaluated: what is wrong and what to do. */
  | { readonly kind: "error"; readonly message: string };

export type InsertOutcome =
  | { readonly kind: "done"; readonly sheet: string; readonly created: boolean; readonly keptCells: number; readonly checklist: Checklist; readonly message: string }
  | { readonly kind: "refused"; readonly message: string };

const SELECT_A_ROW = "Select a vendor row in the table to see its governance checklist.";

/** The checklist of the selected row (or of `request.table`/`rowIndex`), with names and answers from its sheet. */
export async function loadChecklist(port: WorkbookPort, request: ChecklistRequest = {}): Promise<ChecklistLoad> {
  const found = await readSelectedRow(port, request);
  if (found.kind !== "row") return found;
  const sheets = await port.read({ sheets: sheetCandidates(found.evaluation.row.vendor, found.rowIndex) });
  const target = await pickSheet(sheets.sheets, found);
  const fromSheet = target.snapshot ? userInputOf(target.snapshot) : { ownerNames: {}, answers: {} };
  const ownerNames = mergeNames(fromSheet.ownerNames, request.ownerNames);
  const answers = mergeAnswers(fromSheet.answers, request.answers);
  const checklist = buildChecklist(found.evaluation, { ownerNames, answers, today: request.today ?? localToday(), assumptions: found.assumptions });
  return {
    kind: "ready",
    table: found.table,
    rowIndex: found.rowIndex,
    evaluation: found.evaluation,
    assumptions: found.assumptions,
    checklist,
    sheetName: target.name,
    sheetExists: target.snapshot !== null,
    ownerNames,
    answers,
  };
}

type FoundRow =
  | {
      kind: "row";
      table: string;
      rowIndex: number;
      evaluation: Evaluation;
      assumptions: Assumptions;
      /** Whether another row of the table names the same vendor (two quotes from one vendor): its sheet is told apart by row. Reads every row: asked only when it decides. */
      sharedName: () => Promise<boolean>;
    }
  | { kind: "none"; message: string }
  | { kind: "error"; message: string };

/**
 * The row's checklist needs that row, the header row, the mapping and the assumptions: the
 * other rows are read only when a sheet of the same vendor made for another row exists (to
 * tell two quotes of one vendor from a sorted table), so following the selection costs the
 * same on ten rows as on 100,000.
 */
async function readSelectedRow(port: WorkbookPort, request: ChecklistRequest): Promise<FoundRow> {
  let table = request.table ?? null;
  let rowIndex = request.rowIndex;
  if (rowIndex === undefined) {
    const selection = await port.getSelection();
    if (!selection?.table || selection.rowIndex === undefined) return { kind: "none", message: SELECT_A_ROW };
    table = selection.table;
    rowIndex = selection.rowIndex;
  }
  if (!table) return { kind: "none", message: SELECT_A_ROW };
  const found = await port.readTableRow(table, rowIndex);
  if (!found) return { kind: "error", message: `The table '${table}' was not found; it may have been renamed or deleted. Select a row of your vendor table again.` };
  if (found.row === null) return { kind: "none", message: SELECT_A_ROW };
  const read = await port.read({ settings: [MAPPING_SETTING], sheets: [ASSUMPTIONS_SHEET] });

  // The same inputs the evaluate action reads: the stored mapping, and the columns that are not the add-in's outputs.
  const memory = tableMemory(parseMappingSetting(read.settings[MAPPING_SETTING]), found.name);
  const inputs = inputHeaders(found.headers, memory);
  const inputIndexes = inputs.map((h) => found.headers.indexOf(h));
  const cells = inputIndexes.map((i) => found.row![i] ?? null);
  // Named as Excel and the evaluation name it: the sheet's row number, then the vendor.
  const sheetRow = parseRange(found.address).top + 2 + rowIndex;
  const empty = `${rowName(sheetRow)} of the table '${found.name}' is empty. Select a vendor row to see its checklist.`;
  if (isBlankRow(cells)) return { kind: "none", message: empty };

  const map = mapHeaders(inputs, memory.byHand);
  if (map.missingRequired.length > 0)
    return {
      kind: "error",
      message: `The table '${found.name}' has no column for ${map.missingRequired.join(" and ")}. Map the columns in the vendor table step first.`,
    };
  const assumptions = assumptionsOf(read.sheets[ASSUMPTIONS_SHEET] ?? null, request.today ?? localToday());
  if (!assumptions.ok) return { kind: "error", message: assumptions.message };
  const result = evaluateCells(cells, map, assumptions.value);
  if (result === null) return { kind: "none", message: empty };
  if (!result.ok) {
    const vendorAt = map.columns.vendor;
    const named = vendorAt === undefined ? "" : String(cells[vendorAt] ?? "");
    return { kind: "error", message: `${rowName(sheetRow, named)} of the table '${found.name}': ${result.error.message}` };
  }
  const vendor = result.value.row.vendor.trim();
  const vendorColumn = map.columns.vendor;
  const vendorIndex = vendorColumn === undefined ? undefined : inputIndexes[vendorColumn];
  const index = rowIndex;
  const sharedName = async () => {
    if (vendor === "" || vendorIndex === undefined) return false;
    const whole = await port.read({ table: { name: found.name, values: true } });
    // A table too large to read at once: assume another quote of the vendor may own the sheet, so none is overwritten.
    if (!whole.table?.rows) return true;
    return whole.table.rows.some((row, i) => i !== index && String(row[vendorIndex] ?? "").trim() === vendor);
  };
  return { kind: "row", table: found.name, rowIndex, evaluation: result.value, assumptions: assumptions.value, sharedName };
}

/**
 * The workbook's assumptions sheet when there is one; otherwise the documented defaults, as the
 * evaluate action would write them. The buyer time zone is the workbook's setting: the
 * computer's own zone is never read, so a checklist reads the same on every machine.
 */
function assumptionsOf(sheet: SheetSnapshot | null, today: CalendarDate): { ok: true; value: Assumptions } | { ok: false; message: string } {
  let table: CellValue[][] = [];
  if (sheet && sheet.origin === "A1" && String(sheet.values[0]?.[0] ?? "").trim().toLowerCase() === "assumption") {
    table = sheet.values.slice(1).map((r) => [r[0] ?? null, r[1] ?? null]);
  }
  const parsed = parseAssumptions(table, today);
  if (!parsed.ok) return { ok: false, message: `The assumptions sheet '${ASSUMPTIONS_SHEET}' has a problem: ${parsed.error.message}. Correct that cell and try again.` };
  return { ok: true, value: parsed.value };
}

function localToday(): CalendarDate {
  const now = new Date();
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}

/** Names and answers for a row: those on its sheet win over those typed in the pane. */
export function mergeChecklistInput(
  sheet: { ownerNames: Partial<Record<OwnerKey, string>>; answers: Partial<Record<CheckKey, CheckStatus>> },
  pane: { ownerNames?: Partial<Record<OwnerKey, string>>; answers?: Partial<Record<CheckKey, CheckStatus>> },
): { ownerNames: Partial<Record<OwnerKey, string>>; answers: Partial<Record<CheckKey, CheckStatus>> } {
  return { ownerNames: mergeNames(sheet.ownerNames, pane.ownerNames), answers: mergeAnswers(sheet.answers, pane.answers) };
}

function mergeNames(sheet: Partial<Record<OwnerKey, string>>, pane: Partial<Record<OwnerKey, string>> = {}): Partial<Record<OwnerKey, string>> {
  const out: Partial<Record<OwnerKey, string>> = {};
  for (const key of OWNER_KEYS) {
    const name = sheet[key]?.trim() || pane[key]?.trim() || "";
    if (name) out[key] = name;
  }
  return out;
}

function mergeAnswers(sheet: Partial<Record<CheckKey, CheckStatus>>, pane: Partial<Record<CheckKey, CheckStatus>> = {}): Partial<Record<CheckKey, CheckStatus>> {
  const out: Partial<Record<CheckKey, CheckStatus>> = {};
  for (const key of ANSWERABLE_CHECKS) {
    const answer = sheet[key] ?? pane[key];
    if (answer) out[key] = answer;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Sheet names

const SHEET_PREFIX = "Checklist ";
const MAX_SHEET_NAME = 31;
const SHEET_ATTEMPTS = 9;

/**
 * A valid Excel sheet name for the vendor's checklist: at most 31 characters, none of
 * [ ] : * ? / \, no apostrophe at either end; `attempt` 2, 3... adds " (2)", " (3)"
 * so two vendors whose names shorten alike still get a sheet each. A name too long is cut
 * after its last whole word that fits ("Checklist Hudson Security", not "... Partn"); only a
 * first word longer than the room left is cut inside.
 */
export function checklistSheetName(vendor: string, rowIndex: number, attempt = 1): string {
  return sheetNameFrom(vendor, rowIndex, attempt, true);
}

/** The name earlier versions gave (cut at the 31st character, mid-word), so their sheets are still found. */
function earlierChecklistSheetName(vendor: string, rowIndex: number): string {
  return sheetNameFrom(vendor, rowIndex, 1, false);
}

function sheetNameFrom(vendor: string, rowIndex: number, attempt: number, atWord: boolean): string {
  const cleaned = vendor
    .replace(/[[\]:*?/\\]/g, " ")
    // Control characters are not allowed in sheet names either.
    .replace(/\p{Cc}/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  const base = cleaned ? `${SHEET_PREFIX}${cleaned}` : `${SHEET_PREFIX}row ${rowIndex + 1}`;
  const suffix = attempt > 1 ? ` (${attempt})` : "";
  const room = MAX_SHEET_NAME - suffix.length;
  // Excel counts UTF-16 units; cut between characters so no emoji is split in half.
  let name = "";
  for (const ch of base) {
    if (name.length + ch.length > room) break;
    name += ch;
  }
  if (atWord && name.length < base.length && base[name.length] !== " ") {
    const lastSpace = name.lastIndexOf(" ");
    if (lastSpace > SHEET_PREFIX.length - 1) name = name.slice(0, lastSpace);
  }
  name = name.trimEnd();
  name = name.replace(/'+$/, "").trimEnd() + suffix;
  return name;
}

function sheetCandidates(vendor: string, rowIndex: number): string[] {
  const names = Array.from({ length: SHEET_ATTEMPTS }, (_, i) => checklistSheetName(vendor, rowIndex, i + 1));
  const earlier = earlierChecklistSheetName(vendor, rowIndex);
  return names.some((n) => n.toLowerCase() === earlier.toLowerCase()) ? names : [...names, earlier];
}

/** The vendor's own checklist sheet if one exists, else the first free name. */
async function pickSheet(
  sheets: Readonly<Record<string, SheetSnapshot | null>>,
  row: { table: string; rowIndex: number; evaluation: Evaluation; sharedName: () => Promise<boolean> },
): Promise<{ name: string; snapshot: SheetSnapshot | null; passedOver: string[] }> {
  const names = sheetCandidates(row.evaluation.row.vendor, row.rowIndex).slice(0, SHEET_ATTEMPTS);
  let shared: Promise<boolean> | null = null;
  const sharedName = () => (shared ??= row.sharedName());
  // Sheets under the names tried first that are not this row's checklist (the user's own, or
  // another vendor's whose name shortens alike): left as they are, and the outcome says so.
  const passedOver: string[] = [];
  // A checklist an earlier version named by cutting mid-word is refreshed where it is.
  const earlier = earlierChecklistSheetName(row.evaluation.row.vendor, row.rowIndex);
  const earlierSheet = names.includes(earlier) ? null : (sheets[earlier] ?? null);
  if (earlierSheet && (await isChecklistOf(earlierSheet, row.evaluation.row.vendor, row.table, row.rowIndex, sharedName))) return { name: earlier, snapshot: earlierSheet, passedOver };
  for (const name of names) {
    const snapshot = sheets[name] ?? null;
    if (snapshot && (await isChecklistOf(snapshot, row.evaluation.row.vendor, row.table, row.rowIndex, sharedName))) return { name, snapshot, passedOver };
    if (snapshot) passedOver.push(snapshot.name || name);
  }
  const free = names.findIndex((n) => (sheets[n] ?? null) === null);
  return { name: free >= 0 ? names[free] : names[names.length - 1], snapshot: null, passedOver: free >= 0 ? passedOver.slice(0, free) : passedOver };
}

async function isChecklistOf(snapshot: SheetSnapshot, vendor: string, table: string, rowIndex: number, sharedName: () => Promise<boolean>): Promise<boolean> {
  const grid = gridOf(snapshot);
  if (text(grid.get(0, 0)) !== TITLE) return false;
  if (text(grid.get(SOURCE_ROW, 1)).toLowerCase() !== table.toLowerCase()) return false;
  if (text(grid.get(0, 1)) !== vendor.trim()) return false;
  if (text(grid.get(SOURCE_ROW, 2)) === rowLabel(rowIndex)) return true;
  // Made for another row. An unnamed vendor is known by its row only; a named one by its name
  // (rows move when the table is sorted), unless another row quotes the same vendor.
  return vendor.trim() !== "" && !(await sharedName());
}

// ---------------------------------------------------------------------------------------
// The sheet's layout

const TITLE = "Governance checklist";
const SOURCE_ROW = 2;
const WIDTH = 7; // A..G
const DONE = 5;
const NOTES = 6;

const SECTION = {
  facts: "Engagement",
  owners: "Governance owners",
  checks: "Readiness checks",
  mitigations: "Mitigations for the top risks",
  security: "Security and access rules before onboarding",
  pilot: "Pilot plan",
  kept: "Kept from earlier versions of this sheet",
} as const;
type SectionTitle = (typeof SECTION)[keyof typeof SECTION];
const SECTION_TITLES: readonly string[] = Object.values(SECTION);

const CAPTIONS: Record<SectionTitle, readonly string[] | null> = {
  [SECTION.facts]: null,
  [SECTION.owners]: ["Owner", "Name", "Flag", "Buyer's owner does", "Provider does", "Done", "Notes"],
  [SECTION.checks]: ["Check", "Status", "Basis", "Reason", "Question", "Done", "Notes"],
  [SECTION.mitigations]: ["Risk", "Score", "", "Why it scores", "How to reduce it", "Done", "Notes"],
  [SECTION.security]: ["Rule", "", "", "What to do", "", "Done", "Notes"],
  [SECTION.pilot]: ["Step", "", "", "What to do", "", "Done", "Notes"],
  [SECTION.kept]: ["Item", "Name or status", "", "", "", "Done", "Notes"],
};

const FACTS_WITH_DETAIL: ReadonlySet<string> = new Set(["Total cost", "Risk score", "Location fit", "Readiness"]);
const FACT_LABELS = ["Vendor", "Location", "Engagement model", "Pricing model", "Total cost", "Risk score", "Location fit", "Data sensitivity", "Work type", "Scope", "Readiness"] as const;

const OWNER_ROLES: Record<OwnerKey, string> = {
  scope: "Scope owner",
  delivery: "Delivery owner",
  security: "Security owner",
  quality: "Quality owner",
  commercial: "Commercial owner",
  escalation: "Escalation owner",
};
const CHECK_LABELS: Record<CheckKey, string> = {
  workClarity: "Work clarity",
  collaborationIntensity: "Collaboration intensity",
  riskLevel: "Risk level",
  internalOwnership: "Internal ownership",
  providerMaturity: "Provider maturity",
  commercialFit: "Commercial fit",
  locationFit: "Location fit",
  scalePath: "Scale path",
};

/** Every item label a section can hold, so a row is recognised as the add-in's only by an exact label. */
const CATALOG: Record<SectionTitle, ReadonlySet<string> | "kept"> = {
  [SECTION.facts]: new Set(FACT_LABELS),
  [SECTION.owners]: new Set(Object.values(OWNER_ROLES)),
  [SECTION.checks]: new Set(Object.values(CHECK_LABELS)),
  [SECTION.mitigations]: new Set(RISK_DRIVERS.map((d) => d.label)),
  [SECTION.security]: new Set(SECURITY_RULE_TITLES),
  [SECTION.pilot]: new Set(PILOT_STEP_TITLES),
  [SECTION.kept]: "kept",
};

/** Labels the "kept" block gives: "<section>: <item>" or "Cell G40". */
function isKeptLabel(label: string): boolean {
  return /^Cell [A-Z]{1,3}\d+$/.test(label) || SECTION_TITLES.some((t) => t !== SECTION.kept && label.startsWith(`${t}: `));
}

/** Columns the buyer owns in an item row of `section`. */
function userColumns(section: SectionTitle, label: string): readonly number[] {
  if (section === SECTION.facts) return [];
  if (section === SECTION.owners || section === SECTION.kept) return [1, DONE, NOTES];
  if (section === SECTION.checks && ANSWERABLE_LABELS.has(label)) return [1, DONE, NOTES];
  return [DONE, NOTES];
}
const ANSWERABLE_LABELS: ReadonlySet<string> = new Set(ANSWERABLE_CHECKS.map((k) => CHECK_LABELS[k]));

const slotKey = (section: string, label: string, column: number) => `${section}\u0001${label}\u0001${column}`;

type Slot =
  | { readonly kind: "generated"; readonly value: CellWrite }
  /** A cell the buyer owns; `source` is the slot (or loose cell) its earlier value is read from. */
  | {
      readonly kind: "user";
      readonly key: string;
      readonly source: string;
      readonly initial: CellWrite;
      /** An earlier value that is only the sheet's default (Verify): the pane's answer replaces it. */
      readonly replaces?: string;
    }
  | null;

type RowRole = "title" | "meta" | "section" | "caption" | "fact" | "item" | "blank";

interface PlannedRow {
  readonly role: RowRole;
  readonly section?: SectionTitle;
  readonly status?: CheckStatus;
  readonly flagged?: boolean;
  readonly cells: readonly Slot[];
}

const gen = (value: CellWrite): Slot => ({ kind: "generated", value });
const rowLabel = (rowIndex: number) => `data row ${rowIndex + 1}`;
const NOT_GIVEN = "(not in the table)";

/**
 * Cells the add-in never writes in a row of this kind. Left alone (null), so what the buyer
 * types there stays put; carried to the "kept" block only if a later layout needs the cell.
 */
function structuralEmpty(role: RowRole, section: SectionTitle | undefined, column: number, label = ""): boolean {
  switch (role) {
    case "title":
      return column >= 2;
    case "meta":
      return column >= 3;
    case "fact":
      return column >= 3 || (column === 2 && !FACTS_WITH_DETAIL.has(label));
    case "section":
      return column >= 1;
    case "caption":
      return section !== undefined && (CAPTIONS[section]?.[column] ?? "") === "";
    case "item":
      if (section === SECTION.mitigations) return column === 2;
      if (section === SECTION.security || section === SECTION.pilot) return column === 1 || column === 2 || column === 4;
      if (section === SECTION.kept) return column === 2 || column === 3 || column === 4;
      return false;
    case "blank":
      return true;
  }
}

function textRow(role: RowRole, values: readonly CellWrite[], section?: SectionTitle): PlannedRow {
  const cells: Slot[] = [];
  for (let c = 0; c < WIDTH; c++) cells.push(structuralEmpty(role, section, c, String(values[0] ?? "")) ? null : gen(values[c] ?? ""));
  return { role, section, cells };
}

function itemRow(
  section: SectionTitle,
  label: string,
  generated: readonly CellWrite[],
  initial: Partial<Record<number, CellWrite>>,
  extra: { status?: CheckStatus; flagged?: boolean } = {},
): PlannedRow {
  const owned = userColumns(section, label);
  const cells: Slot[] = [];
  for (let c = 0; c < WIDTH; c++) {
    if (owned.includes(c)) {
      const key = slotKey(section, label, c);
      const replaces = section === SECTION.checks && c === 1 ? "verify" : undefined;
      cells.push({ kind: "user", key, source: key, initial: initial[c] ?? "", replaces });
    } else cells.push(structuralEmpty("item", section, c) ? null : gen(c === 0 ? label : (generated[c] ?? "")));
  }
  return { role: "item", section, cells, ...extra };
}

const BLANK: PlannedRow = { role: "blank", cells: Array.from({ length: WIDTH }, () => null) };

function sectionRows(section: SectionTitle): PlannedRow[] {
  const rows = [BLANK, textRow("section", [section], section)];
  const captions = CAPTIONS[section];
  if (captions) rows.push(textRow("caption", captions, section));
  return rows;
}

/** The generated layout (without the "kept" block): rows top to bottom. */
function baseLayout(c: Checklist, table: string, rowIndex: number, pane: { ownerNames: Partial<Record<OwnerKey, string>>; answers: Partial<Record<CheckKey, CheckStatus>> }): PlannedRow[] {
  const h = c.header;
  const r = c.readiness;
  const rows: PlannedRow[] = [
    textRow("title", [TITLE, h.vendor]),
    textRow("meta", ["Generated", c.generatedOn, "by the Offshore Sourcing add-in; refresh it from the pane, your names, ticks and notes stay"]),
    textRow("meta", ["Source table", table, rowLabel(rowIndex)]),
    ...sectionRows(SECTION.facts),
  ];
  const fact = (label: (typeof FACT_LABELS)[number], value: CellWrite, detail: CellWrite = "") => rows.push({ ...textRow("fact", [label, value, detail], SECTION.facts) });
  fact("Vendor", h.vendor);
  fact("Location", locationText(h));
  fact("Engagement model", h.engagementModel);
  fact("Pricing model", h.pricingModel);
  fact("Total cost", Math.round(h.totalCost), `${formatRate(h.effectiveHourlyRate)} per hour all-in`);
  fact("Risk score", Math.round(h.riskScore), h.riskLabel);
  fact("Location fit", h.locationFit, `${round1(h.overlapHours)} h shared working time, ${round1(h.requiredOverlapHours)} h needed`);
  fact("Data sensitivity", h.dataSensitivity);
  fact("Work type", h.workType || NOT_GIVEN);
  fact("Scope", h.scope || NOT_GIVEN);
  fact("Readiness", r.overall, `${r.ready} ready, ${r.verify} to verify, ${r.blocker} blocker${r.blocker === 1 ? "" : "s"}`);

  rows.push(...sectionRows(SECTION.owners));
  for (const o of c.owners)
    rows.push(
      itemRow(SECTION.owners, o.role, ["", "", o.missing ? "Name missing" : "Named", o.buyerDuty, o.providerDuty], { 1: pane.ownerNames[o.key] ?? "" }, { flagged: o.missing }),
    );

  rows.push(...sectionRows(SECTION.checks));
  for (const k of c.checks) {
    const basis = k.basis === "row" ? "From the row" : k.basis === "answer" ? "Your answer" : "Open question: type Ready, Verify or Blocker";
    // The question has its own column; an open question's reason keeps only the row's context.
    const reason = k.basis === "question" ? k.reason.replace(`To answer: ${k.question}`, "").trim() || "Not answered yet." : k.reason;
    rows.push(itemRow(SECTION.checks, k.label, ["", k.status, basis, reason, k.question], { 1: pane.answers[k.key] ?? "Verify" }, { status: k.status }));
  }

  if (c.mitigations.length > 0) {
    rows.push(...sectionRows(SECTION.mitigations));
    for (const m of c.mitigations) rows.push(itemRow(SECTION.mitigations, m.risk, ["", Math.round(m.score), "", m.cause, m.mitigation], {}));
  }
  if (c.securityRules.length > 0) {
    rows.push(...sectionRows(SECTION.security));
    for (const s of c.securityRules) rows.push(itemRow(SECTION.security, s.title, ["", "", "", s.rule, ""], {}));
  }
  rows.push(...sectionRows(SECTION.pilot));
  for (const p of c.pilotPlan) rows.push(itemRow(SECTION.pilot, p.title, ["", "", "", p.detail, ""], {}));
  return rows;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

// ---------------------------------------------------------------------------------------
// What is on the sheet now

interface Grid {
  readonly rows: number;
  get(row: number, column: number): CellValue;
  formula(row: number, column: number): CellValue;
}

function gridOf(snapshot: SheetSnapshot | null): Grid {
  if (!snapshot || snapshot.origin === "" || snapshot.values.length === 0) return { rows: 0, get: () => null, formula: () => null };
  const o = parseCell(snapshot.origin);
  const at = (grid: readonly (readonly CellValue[])[], r: number, c: number) => grid[r - o.row]?.[c - o.column] ?? null;
  return { rows: o.row + snapshot.values.length, get: (r, c) => at(snapshot.values, r, c), formula: (r, c) => at(snapshot.formulas, r, c) };
}

function text(value: CellValue): string {
  return value === null || value === undefined ? "" : String(value).trim();
}

const isEmpty = (v: CellValue) => v === null || v === undefined || v === "";

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
function userInputOf(snapshot: SheetSnapshot): { ownerNames: Partial<Record<OwnerKey, string>>; answers: Partial<Record<CheckKey, CheckStatus>> } {
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

const STATUS_FORMAT: Record<CheckStatus, CellFormat> = {
  Ready: { fill: "#C6EFCE", fontColor: "#006100", bold: true },
  Verify: { fill: "#FFEB9C", fontColor: "#9C5700", bold: true },
  Blocker: { fill: "#FFC7CE", fontColor: "#9C0006", bold: true },
};

function formatsFor(sheet: string, layout: readonly PlannedRow[]): WorkbookChange[] {
  const last = layout.length;
  const f = (address: string, format: CellFormat): WorkbookChange => ({ kind: "formatRange", sheet, address, format });
  const changes: WorkbookChange[] = [
    f(`A1:A${last}`, { columnWidth: 170 }),
    f(`B1:B${last}`, { columnWidth: 120 }),
    f(`C1:C${last}`, { columnWidth: 110 }),
    f(`D1:E${last}`, { columnWidth: 320 }),
    f(`F1:F${last}`, { columnWidth: 45 }),
    f(`G1:G${last}`, { columnWidth: 240 }),
    f("A1:B1", { bold: true }),
  ];
  layout.forEach((row, r) => {
    const n = r + 1;
    if (row.role === "section") changes.push(f(`A${n}:G${n}`, { bold: true, fill: "#1F4E78", fontColor: "#FFFFFF" }));
    else if (row.role === "caption") changes.push(f(`A${n}:G${n}`, { bold: true, fill: "#D9E1F2" }));
    else if (row.role === "fact" || row.role === "meta") changes.push(f(`A${n}`, { bold: true }));
    else if (row.role === "item") {
      changes.push(f(`D${n}:E${n}`, { wrapText: true }));
      if (row.status) changes.push(f(`B${n}`, STATUS_FORMAT[row.status]));
      if (row.flagged) changes.push(f(`C${n}`, STATUS_FORMAT.Blocker));
      else if (row.section === SECTION.owners) changes.push(f(`C${n}`, STATUS_FORMAT.Ready));
    }
    const first = row.cells[0];
    if (row.role === "fact" && first?.kind === "generated" && first.value === "Total cost") changes.push(f(`B${n}`, { numberFormat: "#,##0" }));
  });
  return changes;
}

// ---------------------------------------------------------------------------------------
// Insert or refresh

/** Inserts the checklist of the selected row (or `request.table`/`rowIndex`) as a sheet, or refreshes it in place. */
export async function insertChecklistSheet(port: WorkbookPort, request: ChecklistRequest = {}): Promise<InsertOutcome> {
  const found = await readSelectedRow(port, request);
  if (found.kind !== "row") return { kind: "refused", message: found.message };
  const vendor = found.evaluation.row.vendor;
  const sheets = await port.read({ sheets: sheetCandidates(vendor, found.rowIndex) });
  const target = await pickSheet(sheets.sheets, found);
  if (!target.snapshot && Object.values(sheets.sheets).every((s) => s !== null))
    return { kind: "refused", message: `Every sheet name for '${vendor}' is taken (up to '${target.name}'). Rename or delete one of those sheets and try again.` };

  const fromSheet = target.snapshot ? userInputOf(target.snapshot) : { ownerNames: {}, answers: {} };
  const ownerNames = mergeNames(fromSheet.ownerNames, request.ownerNames);
  const answers = mergeAnswers(fromSheet.answers, request.answers);
  const checklist = buildChecklist(found.evaluation, { ownerNames, answers, today: request.today ?? localToday(), assumptions: found.assumptions });
  const plan = planChecklistSheet(target.name, target.snapshot, checklist, { table: found.table, rowIndex: found.rowIndex }, { ownerNames, answers });
  try {
    await port.apply(plan.changes);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { kind: "refused", message: `The checklist sheet '${target.name}' could not be written: ${reason}. Check that the workbook is not protected, then try again: that rewrites the sheet.${undoHint(error)}` };
  }
  const created = target.snapshot === null;
  const left = target.passedOver.length === 0 ? "" : ` ${target.passedOver.map((n) => `'${n}'`).join(", ")} ${target.passedOver.length === 1 ? "is not this vendor's checklist and was" : "are not this vendor's checklist and were"} left as ${target.passedOver.length === 1 ? "it is" : "they are"}.`;
  return {
    kind: "done",
    sheet: target.name,
    created,
    keptCells: plan.keptCells,
    checklist,
    message: created
      ? `Inserted the sheet '${target.name}'. Type owner names, ticks and notes there; refreshing keeps them.${left}`
      : `Refreshed the sheet '${target.name}'; kept ${plan.keptCells} cell${plan.keptCells === 1 ? "" : "s"} you typed.${left}`,
  };
}

/** Check keys in display order, for components that list them. */
export const CHECKLIST_CHECK_KEYS = CHECK_KEYS;
