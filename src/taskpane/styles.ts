// The pane's own CSS (layout, headings, the preview table, radio lists): Fluent's components
// style themselves. FluentProvider (ThemeScope) sets Fluent's tokens as CSS variables, so these
// rules follow the light and dark themes as the components do.
export const paneStyles = `
body { margin: 0; }
.pane { padding: 12px; display: flex; flex-direction: column; gap: 12px; min-width: 0; box-sizing: border-box;
  font-family: var(--fontFamilyBase); font-size: var(--fontSizeBase300); line-height: var(--lineHeightBase300); color: var(--colorNeutralForeground1); }
.pane h1 { font-size: var(--fontSizeBase500); line-height: var(--lineHeightBase500); font-weight: var(--fontWeightSemibold); margin: 0; }
.pane h2 { font-size: var(--fontSizeBase400); line-height: var(--lineHeightBase400); font-weight: var(--fontWeightSemibold); margin: 0; }
.pane h3 { font-size: var(--fontSizeBase300); font-weight: var(--fontWeightSemibold); margin: 0; }
.pane p { margin: 0; }
.pane-caption { font-size: var(--fontSizeBase200); line-height: var(--lineHeightBase200); color: var(--colorNeutralForeground3); }
.pane-stack { display: flex; flex-direction: column; gap: 8px; min-width: 0; }
.pane-list { margin: 4px 0; padding-left: 20px; overflow-wrap: anywhere; }
.pane-fieldset { border: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; min-width: 0; }
.pane-fieldset legend { padding: 0; margin-bottom: 4px; font-weight: var(--fontWeightSemibold); }
.pane [hidden] { display: none !important; }
.pane-sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }

.pane-stack > .fui-Button { align-self: flex-start; max-width: 100%; }
.pane-notice { overflow-wrap: anywhere; }
.pane-notice-actions { flex-wrap: wrap; }
.pane-tablist { border-bottom: 1px solid var(--colorNeutralStroke2); }

.pane-details > summary { cursor: pointer; font-weight: var(--fontWeightSemibold); padding: 2px 0; }
.pane-details > summary:focus-visible { outline: 2px solid var(--colorStrokeFocus2); outline-offset: 1px; }
.pane-details[open] > summary { margin-bottom: 8px; }

.pane-table-scroll { overflow-x: auto; max-width: 100%; }
.pane-table { border-collapse: collapse; width: 100%; font-size: var(--fontSizeBase200); line-height: var(--lineHeightBase200); }
.pane-table th, .pane-table td { border-bottom: 1px solid var(--colorNeutralStroke2); padding: 4px 6px; text-align: left; vertical-align: top; }
.pane-table thead th { font-weight: var(--fontWeightSemibold); background: var(--colorNeutralBackground3); }
.pane-table .pane-number { text-align: right; font-variant-numeric: tabular-nums; }
.pane-row-selected { background: var(--colorNeutralBackground1Selected); }
.pane-row-button { font: inherit; text-align: left; background: none; border: none; padding: 0; color: var(--colorBrandForegroundLink); cursor: pointer; text-decoration: underline; }
.pane-row-selected .pane-row-button { font-weight: var(--fontWeightSemibold); color: var(--colorNeutralForeground1); }
.pane-row-button:focus-visible { outline: 2px solid var(--colorStrokeFocus2); outline-offset: 1px; }

.pane-radio { display: grid; grid-template-columns: auto minmax(0, 1fr); column-gap: 8px; align-items: baseline; }
.pane-radio input { margin: 0; width: 16px; height: 16px; accent-color: var(--colorBrandBackground); }
.pane-radio input:focus-visible { outline: 2px solid var(--colorStrokeFocus2); outline-offset: 2px; }
.pane-radio .pane-field-hint { grid-column: 2; }
.pane-field-hint { font-size: var(--fontSizeBase200); line-height: var(--lineHeightBase200); color: var(--colorNeutralForeground3); }
.pane-fieldset:disabled label { color: var(--colorNeutralForegroundDisabled); }
`;
