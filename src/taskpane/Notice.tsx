// A titled notice (info, warning, error, success): Fluent's MessageBar with its intent, the
// title naming the group, buttons under the text.
import { MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { ReactNode } from "react";

export type NoticeIntent = "info" | "warning" | "error" | "success";

// MessageBar shows the intent as an icon only; screen readers hear it in words.
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
    <MessageBar
      intent={intent}
      layout="multiline"
      className={`pane-notice pane-notice-${intent}`}
      {...(title ? {} : { "aria-labelledby": undefined, "aria-label": SPOKEN_INTENT[intent].slice(0, -2) })}
    >
      <MessageBarBody className="pane-notice-body">
        <span className="pane-sr-only">{SPOKEN_INTENT[intent]}</span>
        {title && <MessageBarTitle>{title}</MessageBarTitle>}
        {title && children ? " " : null}
        {children}
      </MessageBarBody>
      {actions && <MessageBarActions className="pane-notice-actions">{actions}</MessageBarActions>}
    </MessageBar>
  );
}
