// The pane's shared services: the use cases (PaneActions) and one live region through
// which every step announces progress and results to screen readers.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import type { PaneActions } from "./paneActions";

interface PaneServices {
  readonly actions: PaneActions;
  /** Says `message` in the pane's polite live region. */
  readonly announce: (message: string) => void;
  /** Tells views of the workbook (the preview table) that the pane changed it. */
  readonly workbookChanged: () => void;
}

const PaneContext = createContext<PaneServices | null>(null);

export function usePane(): PaneServices {
  const services = useContext(PaneContext);
  if (!services) throw new Error("usePane needs a PaneProvider above it");
  return services;
}

const visuallyHidden = {
  position: "absolute",
  width: "1px",
  height: "1px",
  margin: "-1px",
  padding: 0,
  overflow: "hidden",
  clip: "rect(0 0 0 0)",
  whiteSpace: "nowrap",
  border: 0,
} as const;

export function PaneProvider({ actions, onWorkbookChanged, children }: { actions: PaneActions; onWorkbookChanged?: () => void; children: ReactNode }) {
  const [message, setMessage] = useState("");
  const announce = useCallback((text: string) => setMessage(text), []);
  const workbookChanged = useCallback(() => onWorkbookChanged?.(), [onWorkbookChanged]);
  const services = useMemo(() => ({ actions, announce, workbookChanged }), [actions, announce, workbookChanged]);
  return (
    <PaneContext.Provider value={services}>
      {children}
      <div role="status" aria-live="polite" aria-atomic="true" data-testid="pane-live-region" style={visuallyHidden}>
        {message}
      </div>
    </PaneContext.Provider>
  );
}
