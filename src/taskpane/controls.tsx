// The pane's form controls: Fluent UI v9's own Button, Field, Input and Select, and a progress
// line for long actions. Components import them from here so that the pane's choices (which
// Select, how progress reads) stay in one place.
import { ProgressBar } from "@fluentui/react-components";

export { Button, Field, Input, Select } from "@fluentui/react-components";
export type { ButtonProps, FieldProps, InputProps, SelectProps } from "@fluentui/react-components";

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
