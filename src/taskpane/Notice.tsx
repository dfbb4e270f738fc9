// A titled notice (info, warning, error, success). Kept to plain markup and Fluent's CSS
// variables: Fluent's MessageBar brings animation code the pane's size budget cannot carry.
import type { ReactNode } from "react";

export type NoticeIntent = "info" | "warning" | "error" | "success";

const SPOKEN_INTENT: Record<NoticeIntent, string> = { info: "Note: ", warning: "Warning: ", error: "Error: ", success: "Done: " };

export interface NoticeProps {
  readonly intent: NoticeIntent;
  readonly title?: string;
  readonly children?: ReactNode;
  /** Buttons offered under the text. */
  readonly actions?: ReactNode;
}

export function Notice({ intent, title, children, actions }: NoticeProps) {
  return (
    <div className={`pane-notice pane-notice-${intent}`} role="group" aria-label={title ?? SPOKEN_INTENT[intent].slice(0, -2)}>
      <div>
        <span className="pane-sr-only">{SPOKEN_INTENT[intent]}</span>
        {title && <strong className="pane-notice-title">{title}</strong>}
        {title && children ? " " : null}
        {children}
      </div>
      {actions && <div className="pane-notice-actions">{actions}</div>}
    </div>
  );
}
