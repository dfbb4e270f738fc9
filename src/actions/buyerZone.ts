// The buyer's time zone is a setting of the workbook: the 'Buyer time zone' row of the
// assumptions sheet. Evaluation reads it from there and nowhere else (the pane may suggest the
// computer's zone, but only the buyer's answer is stored), so the same workbook gives the same
// results on any machine. These two actions read it and change it through the port.

import { ASSUMPTION_BY_KEY } from "../model/assumptions";
import { normaliseHeader } from "../model/fields";
import { resolveZone, type CalendarDate } from "../model/zones";
import type { CellValue } from "../model/types";
import { ASSUMPTIONS_NAME, type SheetSnapshot, type WorkbookChange, type WorkbookPort } from "../workbook/port";
import { cellAddress } from "../workbook/address";
import { planAssumptionsSheet } from "./evaluate";
import { messageOf, writtenBy } from "./outcome";
import { ASSUMPTIONS_SHEET_CANDIDATES, chooseAssumptionsSheet, withNamedAssumptionsSheet, type SheetChoice } from "./sheets";

const ZONE_NAME = ASSUMPTION_BY_KEY.buyerTimeZone.name;

export type BuyerTimeZoneView =
  /** The sheet names a zone: `zone` is what it resolves to, `text` what the cell says, `sheet` the assumptions sheet's name. */
  | { readonly kind: "set"; readonly zone: string; readonly text: string; readonly sheet: string }
  /** No assumptions sheet, no 'Buyer time zone' row, or a blank cell: the buyer has not chosen yet. */
  | { readonly kind: "unset" }
  /** The cell holds text that is no zone; evaluation stops on it until it is corrected. */
  | { readonly kind: "invalid"; readonly text: string; readonly message: string; readonly sheet: string };

/** Where the zone row sits on the sheet (0-based row of the sheet's values), and its cell. */
function zoneRow(sheet: SheetSnapshot | null): { index: number; cell: CellValue } | null {
  if (!isAssumptionsSheet(sheet)) return null;
  const index = sheet!.values.findIndex((r, i) => i > 0 && normaliseHeader(String(r[0] ?? "")) === normaliseHeader(ZONE_NAME));
  return index < 0 ? null : { index, cell: sheet!.values[index][1] ?? null };
}

function isAssumptionsSheet(sheet: SheetSnapshot | null): boolean {
  return sheet !== null && sheet.origin === "A1" && String(sheet.values[0]?.[0] ?? "").trim().toLowerCase() === "assumption";
}

/** The buyer time zone the workbook's assumptions sheet (as chooseAssumptionsSheet found it) holds, if any. */
export function buyerTimeZoneOf(choice: SheetChoice | null): BuyerTimeZoneView {
  const row = zoneRow(choice?.snapshot ?? null);
  const text = row === null || row.cell === null ? "" : String(row.cell).trim();
  if (text === "" || !choice) return { kind: "unset" };
  const zone = resolveZone(text);
  return zone.ok ? { kind: "set", zone: zone.value, text, sheet: choice.name } : { kind: "invalid", text, message: zone.error.message, sheet: choice.name };
}

/** The add-in's assumptions sheet, found by its defined name so that a sheet of the user's under the usual name is passed over. */
async function assumptionsSheet(port: WorkbookPort) {
  const read = await port.read({ sheets: ASSUMPTIONS_SHEET_CANDIDATES, names: [ASSUMPTIONS_NAME] });
  return { choice: chooseAssumptionsSheet({ names: read.names, sheets: await withNamedAssumptionsSheet(port, read) }), named: read.names[ASSUMPTIONS_NAME] };
}

export async function readBuyerTimeZone(port: WorkbookPort): Promise<BuyerTimeZoneView> {
  return buyerTimeZoneOf((await assumptionsSheet(port)).choice);
}

export type SetBuyerTimeZoneOutcome =
  | { readonly kind: "done"; readonly zone: string; readonly message: string; readonly sheet: string }
  | { readonly kind: "refused"; readonly message: string; readonly written: string };

/**
 * Stores `text` (an IANA zone, a city, a country with one clock, an offset or an
 * abbreviation, as resolveZone reads them) as the buyer time zone: the zone's IANA name
 * goes into the 'Buyer time zone' cell. A workbook without an assumptions sheet gets the
 * whole sheet, as the first evaluation would write it, so the name OffshoreAssumptions and
 * every formula reading it see the zone at once.
 */
export async function setBuyerTimeZone(port: WorkbookPort, text: string, options: { readonly today?: CalendarDate } = {}): Promise<SetBuyerTimeZoneOutcome> {
  const zone = resolveZone(text);
  if (!zone.ok) return { kind: "refused", message: `Buyer time zone: ${zone.error.message}.`, written: "Nothing was written." };
  const { choice, named } = await assumptionsSheet(port);
  const sheet = choice?.snapshot ?? null;
  const row = zoneRow(sheet);
  // What the first evaluation would add to this workbook's sheet (the whole sheet, rows a newer
  // version added, the name), then the zone's own cell when the row was there already.
  const plan = planAssumptionsSheet(choice, named, zone.value, options.today ?? localToday());
  if (!plan.ok) return { kind: "refused", message: plan.message, written: "Nothing was written." };
  // A string cell is written as text by every adapter, so a zone such as "UTC+05:30" is never read as a formula.
  const changes: WorkbookChange[] = [...plan.changes];
  if (plan.zoneFromSheet && row !== null) changes.push({ kind: "writeRange", sheet: plan.sheet, address: cellAddress(row.index, 1), cells: [[zone.value]] });
  try {
    await port.apply(changes);
  } catch (error) {
    return {
      kind: "refused",
      message: `Excel did not accept the time zone: ${messageOf(error)}. Check that the sheet '${plan.sheet}' is not protected and no cell is being edited, then try again.`,
      written: writtenBy(error),
    };
  }
  const created = sheet === null ? ` (the sheet was created with the other assumptions)` : "";
  return {
    kind: "done",
    zone: zone.value,
    sheet: plan.sheet,
    message: [`Buyer time zone set to ${zone.value} on the sheet '${plan.sheet}'${created}. Formulas reading it recalculate; Evaluate again to refresh the results shown here.`, plan.notice].filter(Boolean).join(" "),
  };
}

function localToday(): CalendarDate {
  const now = new Date();
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}
