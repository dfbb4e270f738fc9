// The checklist sheet's layout: which sheet is a vendor's checklist, which rows and
// columns the add-in writes, which cells the buyer owns, and how they are formatted.

import {
  ANSWERABLE_CHECKS,
  PILOT_SKIPPED_STEP_TITLE,
  PILOT_STEP_TITLES,
  raciLetters,
  SECURITY_RULE_TITLES,
  formatRate,
  locationText,
  type CheckKey,
  type CheckStatus,
  type Checklist,
  type OwnerKey,
} from "../model/checklist";
import { CONTRACT_TITLES, dueText } from "../model/checklistContract";
import { RISK_DRIVERS } from "../model";
import type { CellValue, Evaluation } from "../model/types";
import { parseCell } from "../workbook/address";
import type { CellFormat, CellWrite, SheetSnapshot, WorkbookChange } from "../workbook/port";

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

export function sheetCandidates(vendor: string, rowIndex: number): string[] {
  const names = Array.from({ length: SHEET_ATTEMPTS }, (_, i) => checklistSheetName(vendor, rowIndex, i + 1));
  const earlier = earlierChecklistSheetName(vendor, rowIndex);
  return names.some((n) => n.toLowerCase() === earlier.toLowerCase()) ? names : [...names, earlier];
}

/** The vendor's own checklist sheet if one exists, else the first free name. */
export async function pickSheet(
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

export const TITLE = "Governance checklist";
export const SOURCE_ROW = 2;
// A..J: H..J came later, so sheets made before them keep Done and Notes where they were.
export const WIDTH = 10;
export const DONE = 5;
export const NOTES = 6;
/** The provider's counterpart of an owner (H), typed by the buyer. */
export const COUNTERPART = 7;
/** RACI of an owner, or the source of a contract item (I). */
export const DETAIL = 8;
/** When an item is due (J). */
export const DUE = 9;

export const SECTION = {
  facts: "Engagement",
  owners: "Governance owners",
  checks: "Readiness checks",
  contract: "Contract and exit items",
  mitigations: "Mitigations for the top risks",
  security: "Security and access rules before onboarding",
  pilot: "Pilot plan",
  kept: "Kept from earlier versions of this sheet",
} as const;
export type SectionTitle = (typeof SECTION)[keyof typeof SECTION];
export const SECTION_TITLES: readonly string[] = Object.values(SECTION);

export const CAPTIONS: Record<SectionTitle, readonly string[] | null> = {
  [SECTION.facts]: null,
  [SECTION.owners]: ["Owner", "Name", "Flag", "Buyer's owner does", "Provider does", "Done", "Notes", "Provider's counterpart", "RACI (buyer / provider)", "Due"],
  [SECTION.checks]: ["Check", "Status", "Basis", "Reason", "Question", "Done", "Notes"],
  [SECTION.contract]: ["Item", "", "", "What to agree", "Why it is here", "Done", "Notes", "", "Source", "Due"],
  [SECTION.mitigations]: ["Risk", "Score", "", "Why it scores", "How to reduce it", "Done", "Notes"],
  [SECTION.security]: ["Rule", "", "", "What to do", "", "Done", "Notes", "", "", "Due"],
  [SECTION.pilot]: ["Step", "", "", "What to do", "", "Done", "Notes"],
  [SECTION.kept]: ["Item", "Name or status", "", "", "", "Done", "Notes", "Provider's counterpart"],
};

const FACTS_WITH_DETAIL: ReadonlySet<string> = new Set(["Total cost", "Risk score", "Location fit", "Readiness", "Engagement start"]);
const FACT_LABELS = ["Vendor", "Location", "Engagement model", "Pricing model", "Total cost", "Risk score", "Location fit", "Data sensitivity", "Work type", "Scope", "Readiness", "Engagement start"] as const;

export const OWNER_ROLES: Record<OwnerKey, string> = {
  scope: "Scope owner",
  delivery: "Delivery owner",
  security: "Security owner",
  quality: "Quality owner",
  commercial: "Commercial owner",
  escalation: "Escalation owner",
};
export const CHECK_LABELS: Record<CheckKey, string> = {
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
export const CATALOG: Record<SectionTitle, ReadonlySet<string> | "kept"> = {
  [SECTION.facts]: new Set(FACT_LABELS),
  [SECTION.owners]: new Set(Object.values(OWNER_ROLES)),
  [SECTION.checks]: new Set(Object.values(CHECK_LABELS)),
  [SECTION.contract]: new Set(Object.values(CONTRACT_TITLES)),
  [SECTION.mitigations]: new Set(RISK_DRIVERS.map((d) => d.label)),
  [SECTION.security]: new Set(SECURITY_RULE_TITLES),
  [SECTION.pilot]: new Set([...PILOT_STEP_TITLES, PILOT_SKIPPED_STEP_TITLE]),
  [SECTION.kept]: "kept",
};

/** Labels the "kept" block gives: "<section>: <item>" or "Cell G40". */
export function isKeptLabel(label: string): boolean {
  return /^Cell [A-Z]{1,3}\d+$/.test(label) || SECTION_TITLES.some((t) => t !== SECTION.kept && label.startsWith(`${t}: `));
}

/** Columns the buyer owns in an item row of `section`. */
export function userColumns(section: SectionTitle, label: string): readonly number[] {
  if (section === SECTION.facts) return [];
  if (section === SECTION.owners || section === SECTION.kept) return [1, DONE, NOTES, COUNTERPART];
  if (section === SECTION.checks && ANSWERABLE_LABELS.has(label)) return [1, DONE, NOTES];
  return [DONE, NOTES];
}
const ANSWERABLE_LABELS: ReadonlySet<string> = new Set(ANSWERABLE_CHECKS.map((k) => CHECK_LABELS[k]));

export const slotKey = (section: string, label: string, column: number) => `${section}\u0001${label}\u0001${column}`;

export type Slot =
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

export type RowRole = "title" | "meta" | "section" | "caption" | "fact" | "item" | "blank";

export interface PlannedRow {
  readonly role: RowRole;
  readonly section?: SectionTitle;
  readonly status?: CheckStatus;
  readonly flagged?: boolean;
  readonly cells: readonly Slot[];
}

export const gen = (value: CellWrite): Slot => ({ kind: "generated", value });
const rowLabel = (rowIndex: number) => `data row ${rowIndex + 1}`;
const NOT_GIVEN = "(not in the table)";

/**
 * Cells the add-in never writes in a row of this kind. Left alone (null), so what the buyer
 * types there stays put; carried to the "kept" block only if a later layout needs the cell.
 */
export function structuralEmpty(role: RowRole, section: SectionTitle | undefined, column: number, label = ""): boolean {
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
      if (column >= COUNTERPART) {
        if (section === SECTION.owners) return false;
        if (section === SECTION.contract) return column === COUNTERPART;
        if (section === SECTION.security) return column !== DUE;
        if (section === SECTION.kept) return column !== COUNTERPART;
        return true;
      }
      if (section === SECTION.mitigations) return column === 2;
      if (section === SECTION.security || section === SECTION.pilot) return column === 1 || column === 2 || column === 4;
      if (section === SECTION.contract) return column === 1 || column === 2;
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

export function sectionRows(section: SectionTitle): PlannedRow[] {
  const rows = [BLANK, textRow("section", [section], section)];
  const captions = CAPTIONS[section];
  if (captions) rows.push(textRow("caption", captions, section));
  return rows;
}

/** The generated layout (without the "kept" block): rows top to bottom. */
export interface PaneInput {
  readonly ownerNames: Partial<Record<OwnerKey, string>>;
  readonly counterpartNames?: Partial<Record<OwnerKey, string>>;
  readonly answers: Partial<Record<CheckKey, CheckStatus>>;
}

export function baseLayout(c: Checklist, table: string, rowIndex: number, pane: PaneInput): PlannedRow[] {
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
  fact(
    "Engagement start",
    c.startDate || "(not set)",
    c.startDate ? `sign by ${c.dueDates["Before signature"]}` : "set 'Engagement start date' on the assumptions sheet to date each item",
  );

  rows.push(...sectionRows(SECTION.owners));
  const ownersDue = dueText("Before signature", c.dueDates["Before signature"]);
  for (const o of c.owners)
    rows.push(
      itemRow(
        SECTION.owners,
        o.role,
        ["", "", o.missing ? "Name missing" : "Named", o.buyerDuty, o.providerDuty, "", "", "", `${raciLetters(o.raci.buyer)} / ${raciLetters(o.raci.provider)}`, ownersDue],
        { 1: pane.ownerNames[o.key] ?? "", [COUNTERPART]: pane.counterpartNames?.[o.key] ?? "" },
        { flagged: o.missing },
      ),
    );

  rows.push(...sectionRows(SECTION.checks));
  for (const k of c.checks) {
    const basis = k.basis === "row" ? "From the row" : k.basis === "answer" ? "Your answer" : "Open question: type Ready, Verify or Blocker";
    // The question has its own column; an open question's reason keeps only the row's context.
    const reason = k.basis === "question" ? k.reason.replace(`To answer: ${k.question}`, "").trim() || "Not answered yet." : k.reason;
    rows.push(itemRow(SECTION.checks, k.label, ["", k.status, basis, reason, k.question], { 1: pane.answers[k.key] ?? "Verify" }, { status: k.status }));
  }

  if (c.contractItems.length > 0) {
    rows.push(...sectionRows(SECTION.contract));
    for (const item of c.contractItems)
      rows.push(itemRow(SECTION.contract, item.title, ["", "", "", item.clause, item.why, "", "", "", item.source, dueText(item.due, item.dueDate)], {}));
  }
  if (c.mitigations.length > 0) {
    rows.push(...sectionRows(SECTION.mitigations));
    for (const m of c.mitigations) rows.push(itemRow(SECTION.mitigations, m.risk, ["", Math.round(m.score), "", m.cause, m.mitigation], {}));
  }
  if (c.securityRules.length > 0) {
    rows.push(...sectionRows(SECTION.security));
    for (const s of c.securityRules) rows.push(itemRow(SECTION.security, s.title, ["", "", "", s.rule, "", "", "", "", "", dueText(s.due, s.dueDate)], {}));
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

export interface Grid {
  readonly rows: number;
  get(row: number, column: number): CellValue;
  formula(row: number, column: number): CellValue;
}

export function gridOf(snapshot: SheetSnapshot | null): Grid {
  if (!snapshot || snapshot.origin === "" || snapshot.values.length === 0) return { rows: 0, get: () => null, formula: () => null };
  const o = parseCell(snapshot.origin);
  const at = (grid: readonly (readonly CellValue[])[], r: number, c: number) => grid[r - o.row]?.[c - o.column] ?? null;
  return { rows: o.row + snapshot.values.length, get: (r, c) => at(snapshot.values, r, c), formula: (r, c) => at(snapshot.formulas, r, c) };
}

export function text(value: CellValue): string {
  return value === null || value === undefined ? "" : String(value).trim();
}

export const isEmpty = (v: CellValue) => v === null || v === undefined || v === "";

const STATUS_FORMAT: Record<CheckStatus, CellFormat> = {
  Ready: { fill: "#C6EFCE", fontColor: "#006100", bold: true },
  Verify: { fill: "#FFEB9C", fontColor: "#9C5700", bold: true },
  Blocker: { fill: "#FFC7CE", fontColor: "#9C0006", bold: true },
};

export function formatsFor(sheet: string, layout: readonly PlannedRow[]): WorkbookChange[] {
  const last = layout.length;
  const f = (address: string, format: CellFormat): WorkbookChange => ({ kind: "formatRange", sheet, address, format });
  const changes: WorkbookChange[] = [
    f(`A1:A${last}`, { columnWidth: 170 }),
    f(`B1:B${last}`, { columnWidth: 120 }),
    f(`C1:C${last}`, { columnWidth: 110 }),
    f(`D1:E${last}`, { columnWidth: 320 }),
    f(`F1:F${last}`, { columnWidth: 45 }),
    f(`G1:G${last}`, { columnWidth: 240 }),
    f(`H1:H${last}`, { columnWidth: 140 }),
    f(`I1:I${last}`, { columnWidth: 240 }),
    f(`J1:J${last}`, { columnWidth: 170 }),
    f("A1:B1", { bold: true }),
  ];
  layout.forEach((row, r) => {
    const n = r + 1;
    if (row.role === "section") changes.push(f(`A${n}:J${n}`, { bold: true, fill: "#1F4E78", fontColor: "#FFFFFF" }));
    else if (row.role === "caption") changes.push(f(`A${n}:J${n}`, { bold: true, fill: "#D9E1F2" }));
    else if (row.role === "fact" || row.role === "meta") changes.push(f(`A${n}`, { bold: true }));
    else if (row.role === "item") {
      changes.push(f(`D${n}:E${n}`, { wrapText: true }));
      if (row.section === SECTION.contract) changes.push(f(`I${n}`, { wrapText: true }));
      if (row.status) changes.push(f(`B${n}`, STATUS_FORMAT[row.status]));
      if (row.flagged) changes.push(f(`C${n}`, STATUS_FORMAT.Blocker));
      else if (row.section === SECTION.owners) changes.push(f(`C${n}`, STATUS_FORMAT.Ready));
    }
    const first = row.cells[0];
    if (row.role === "fact" && first?.kind === "generated" && first.value === "Total cost") changes.push(f(`B${n}`, { numberFormat: "#,##0" }));
  });
  return changes;
}

