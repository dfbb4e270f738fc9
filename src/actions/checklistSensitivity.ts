// Which assumptions move the selected vendor option's total most (model/sensitivity.ts's tornado),
// for the pane: the top three, each with the cell on the assumptions sheet that holds it, so
// the buyer can check or change the figure that matters. The sheet is the one the add-in's
// defined name points at (sheets.ts), not always the usual name.

import type { Assumptions } from "../model/assumptions";
import { ASSUMPTION_BY_KEY } from "../model/assumptions";
import { normaliseHeader } from "../model/fields";
import { sensitivity, sensitivitySentence } from "../model/sensitivity";
import { formatAmount } from "../model/results";
import type { Evaluation } from "../model/types";
import { cellAddress } from "../workbook/address";
import type { SheetChoice } from "./sheets";

/** How many assumptions the pane lists. */
export const LEVERS_SHOWN = 3;

export interface SensitivityLever {
  /** As on the assumptions sheet ("Attrition" for the row's attrition, whose range is Default attrition's). */
  readonly name: string;
  readonly totalAtLow: number;
  readonly totalAtHigh: number;
  readonly swing: number;
  /** The amounts written in the reporting currency. */
  readonly lowText: string;
  readonly highText: string;
  readonly swingText: string;
  /** The assumption's value cell; null while the workbook has no assumptions sheet (the defaults apply). */
  readonly cell: { readonly sheet: string; readonly address: string } | null;
}

export interface SelectedSensitivity {
  /** "The total is most sensitive to X; if it is at its high end, the total is Y." */
  readonly sentence: string;
  /** Largest swing first, at most LEVERS_SHOWN. */
  readonly levers: readonly SensitivityLever[];
  readonly currency: string;
}

/** The tornado of one evaluated vendor option (in a rate card, the option's own row), with its cells. */
export function sensitivityOf(evaluation: Evaluation, a: Assumptions, sheet: SheetChoice | null): SelectedSensitivity {
  const currency = { symbol: a.reportingCurrency, from: "rates" } as const;
  const money = (amount: number) => formatAmount(amount, currency);
  const bars = sensitivity(evaluation.row, a);
  const rows = sheet?.snapshot?.values ?? [];
  const levers = bars.slice(0, LEVERS_SHOWN).map((bar): SensitivityLever => {
    // The value column (B) of the first row naming it, as the assumptions are read.
    const name = normaliseHeader(ASSUMPTION_BY_KEY[bar.key].name);
    const at = rows.findIndex((r, i) => i > 0 && normaliseHeader(String(r[0] ?? "")) === name);
    return {
      name: bar.name,
      totalAtLow: bar.totalAtLow,
      totalAtHigh: bar.totalAtHigh,
      swing: bar.swing,
      lowText: money(bar.totalAtLow),
      highText: money(bar.totalAtHigh),
      swingText: money(bar.swing),
      cell: sheet && at > 0 ? { sheet: sheet.name, address: cellAddress(at, 1) } : null,
    };
  });
  return { sentence: sensitivitySentence(bars, money, evaluation.cost.total), levers, currency: a.reportingCurrency };
}
