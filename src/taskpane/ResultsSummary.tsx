// The first thing to read after a calculation: how many options are a Benefit, a Trade-off or
// a Blocker, and which is cheapest and least risky, with the row to find it by. In a rate card
// an option is several rows (one per role), counted and named once, with its total. The numbers
// come from the evaluate action's summary; this only shows them.
import { Badge } from "@fluentui/react-components";
import type { FitVerdict } from "../model/types";
import type { ResultsSummary as Summary } from "../model/results";

/** Colour AND the verdict's own word: the colour alone says nothing to a screen reader or a colour-blind reader. */
const VERDICT_COLOR: Record<FitVerdict, "success" | "warning" | "danger"> = { Benefit: "success", "Trade-off": "warning", Blocker: "danger" };

export function VerdictBadge({ verdict, count }: { verdict: FitVerdict; count?: number }) {
  return (
    <Badge appearance="tint" color={VERDICT_COLOR[verdict]} shape="rounded">
      {count === undefined ? verdict : `${count} ${verdict}`}
    </Badge>
  );
}

// Kept beside the component: the pane's shared stylesheet is not this step's to change.
const styles = `
.pane-badges { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 6px; }
.pane-facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 8px; margin: 0; min-width: 0; overflow-wrap: anywhere; }
.pane-facts dt { font-weight: var(--fontWeightSemibold); }
.pane-facts dd { margin: 0; }
`;

function currencyNote(summary: Summary): string {
  const c = summary.currency;
  if (c.from === "rates") return `Amounts in ${c.symbol}, as the hourly rates are quoted.`;
  if (c.from === "format") return `Amounts in ${c.symbol}, as the Total cost column is formatted; the add-in assumes the hourly rates are in that currency.`;
  return "Amounts are in the currency of the hourly rates.";
}

export function ResultsSummary({ summary }: { summary: Summary }) {
  return (
    <section aria-labelledby="results-summary-title" className="pane-stack" data-testid="results-summary">
      <style>{styles}</style>
      <h3 id="results-summary-title">{`Results for ${summary.evaluated} ${summary.rows === undefined ? "vendor" : "vendor option"}${summary.evaluated === 1 ? "" : "s"}${summary.rows === undefined ? "" : ` (${summary.rows} ${summary.rows === 1 ? "row" : "rows"})`}`}</h3>
      <ul className="pane-badges" aria-label="Location fit verdicts">
        {(["Benefit", "Trade-off", "Blocker"] as const).map((v) => (
          <li key={v}>
            <VerdictBadge verdict={v} count={summary.verdicts[v]} />
          </li>
        ))}
      </ul>
      <dl className="pane-facts">
        <dt>Lowest total cost</dt>
        <dd>{summary.lowestCost ? `${summary.lowestCost.amount}: ${summary.lowestCost.name}` : "None computed"}</dd>
        <dt>Lowest risk</dt>
        <dd>{summary.lowestRisk ? `${Math.round(summary.lowestRisk.score)} (${summary.lowestRisk.label}): ${summary.lowestRisk.name}` : "None computed"}</dd>
      </dl>
      <p className="pane-caption">{currencyNote(summary)}</p>
    </section>
  );
}
