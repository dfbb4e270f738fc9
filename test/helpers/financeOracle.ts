// The LibreOffice proofs' oracle: the model's own figure for a summary column, and a
// comparison to 1e-9 of the figure's size (strings must match exactly).
import type { Evaluation } from "../../src/model/types";

export function modelValue(e: Evaluation, key: string): number | string {
  const line = e.cost.lines.find((l) => l.key === key);
  if (line) return line.amount;
  const driver = e.risk.drivers.find((d) => `risk.${d.key}` === key);
  if (driver) return driver.score;
  const simple: Record<string, number | string> = {
    labour: e.cost.labour,
    totalCost: e.cost.total,
    effectiveHourlyRate: e.cost.effectiveHourlyRate,
    requiredOverlap: e.fit.requiredOverlapHours,
    fitScore: e.fit.score,
    fitVerdict: e.fit.verdict,
    riskScore: e.risk.score,
    riskBand: e.risk.band,
    riskLabel: e.risk.label,
    overlapHours: e.fit.overlapHours,
  };
  if (!(key in simple)) throw new Error(`no model value for ${key}`);
  return simple[key];
}

export function expectClose(actual: unknown, expected: number | string, where: string): void {
  if (typeof expected === "string") {
    expect({ where, value: actual }).toEqual({ where, value: expected });
    return;
  }
  const got = actual === undefined || actual === null ? NaN : Number(actual);
  const scale = Math.max(Math.abs(expected), Math.abs(got));
  const ok = scale === 0 ? got === 0 : Math.abs(got - expected) <= 1e-9 * scale;
  if (!ok) throw new Error(`${where}: LibreOffice shows ${String(actual)}, the model says ${expected}`);
}
