// The pane's sections as Fluent tabs: one tab stop, arrow keys move between tabs and select
// them (selectTabOnFocus, as the WAI-ARIA tabs pattern's automatic activation), each panel
// labelled by its tab.
import { Tab, TabList } from "@fluentui/react-components";
import type { ReactNode } from "react";

export interface PaneTab<K extends string> {
  readonly key: K;
  readonly label: string;
  readonly panel: ReactNode;
}

export function PaneTabs<K extends string>({ tabs, selected, onSelect, label }: { tabs: readonly PaneTab<K>[]; selected: K; onSelect: (key: K) => void; label: string }) {
  return (
    <>
      <TabList aria-label={label} selectedValue={selected} onTabSelect={(_, data) => onSelect(data.value as K)} selectTabOnFocus className="pane-tablist">
        {tabs.map((tab) => (
          <Tab key={tab.key} value={tab.key} id={`tab-${tab.key}`} aria-controls={`panel-${tab.key}`}>
            {tab.label}
          </Tab>
        ))}
      </TabList>
      {tabs.map((tab) => (
        <div key={tab.key} role="tabpanel" id={`panel-${tab.key}`} aria-labelledby={`tab-${tab.key}`} hidden={tab.key !== selected}>
          {tab.panel}
        </div>
      ))}
    </>
  );
}
