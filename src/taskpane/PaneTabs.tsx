// The pane's two sections as ARIA tabs: one tab stop, arrow keys move between tabs, each
// panel labelled by its tab. Written out because Fluent's TabList weighs more than the
// whole rest of the pane's own code.
import { useRef, type KeyboardEvent, type ReactNode } from "react";
import { Button } from "./controls";

export interface PaneTab<K extends string> {
  readonly key: K;
  readonly label: string;
  readonly panel: ReactNode;
}

export function PaneTabs<K extends string>({ tabs, selected, onSelect, label }: { tabs: readonly PaneTab<K>[]; selected: K; onSelect: (key: K) => void; label: string }) {
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = tabs.findIndex((t) => t.key === selected);
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = (moves[event.key] + tabs.length) % tabs.length;
    onSelect(tabs[next].key);
    buttons.current[next]?.focus();
  }

  return (
    <>
      <div role="tablist" aria-label={label} className="pane-tablist" onKeyDown={onKeyDown}>
        {tabs.map((tab, i) => (
          <Button
            key={tab.key}
            ref={(el: HTMLButtonElement | null) => {
              buttons.current[i] = el;
            }}
            role="tab"
            id={`tab-${tab.key}`}
            aria-selected={tab.key === selected}
            aria-controls={`panel-${tab.key}`}
            tabIndex={tab.key === selected ? 0 : -1}
            appearance="transparent"
            className={tab.key === selected ? "pane-tab pane-tab-selected" : "pane-tab"}
            onClick={() => onSelect(tab.key)}
          >
            {tab.label}
          </Button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div key={tab.key} role="tabpanel" id={`panel-${tab.key}`} aria-labelledby={`tab-${tab.key}`} hidden={tab.key !== selected}>
          {tab.panel}
        </div>
      ))}
    </>
  );
}
