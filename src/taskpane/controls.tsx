// The controls the pane's first view draws: Fluent UI v9's Button, and a progress line for long
// actions (also the placeholder while a part loads). The form fields live in fields.tsx, which
// only the parts loaded on demand import, so taskpane.html does not carry them up front.
import { ProgressBar } from "@fluentui/react-components";

export { Button } from "@fluentui/react-components";
export type { ButtonProps } from "@fluentui/react-components";

/** Where a long action is: its current step in words, and a bar (indeterminate until a total is known). */
export function StepProgress({ id, progress, idle }: { id: string; progress?: { readonly step: string; readonly done: number; readonly total: number } | null; idle: string }) {
  const known = progress && progress.total > 0;
  return (
    <div className="pane-stack">
      <span id={id}>{progress ? `${progress.step}…` : idle}</span>
      <ProgressBar aria-labelledby={id} max={known ? progress.total : undefined} value={known ? progress.done : undefined} thickness="large" />
    </div>
  );
}
