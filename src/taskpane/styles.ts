// The pane's CSS. Fluent's tokens are CSS variables set by ThemeScope, so these rules
// follow the light and dark themes as Fluent's own components do.
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

.pane-notice { display: flex; flex-direction: column; gap: 8px; padding: 8px 12px; border-radius: var(--borderRadiusMedium);
  border: 1px solid var(--colorNeutralStroke2); border-left-width: 4px; background: var(--colorNeutralBackground3); overflow-wrap: anywhere; }
.pane-notice-info { border-left-color: var(--colorBrandStroke1); }
.pane-notice-warning { border-left-color: var(--colorPaletteDarkOrangeBorder2); }
.pane-notice-error { border-left-color: var(--colorPaletteRedBorder2); }
.pane-notice-success { border-left-color: var(--colorPaletteGreenBorder2); }
.pane-notice-title { font-weight: var(--fontWeightSemibold); }
.pane-notice-actions { display: flex; flex-wrap: wrap; gap: 8px; }


.pane-progress { width: 100%; height: 4px; accent-color: var(--colorBrandBackground); }

.pane-button { font: inherit; font-weight: var(--fontWeightSemibold); min-height: 32px; padding: 4px 12px; max-width: 100%;
  border-radius: var(--borderRadiusMedium); border: var(--strokeWidthThin) solid var(--colorNeutralStroke1);
  background: var(--colorNeutralBackground1); color: var(--colorNeutralForeground1); cursor: pointer; text-align: center; overflow-wrap: anywhere; }
.pane-button:hover { background: var(--colorNeutralBackground1Hover); border-color: var(--colorNeutralStroke1Hover); }
.pane-button:active { background: var(--colorNeutralBackground1Pressed); }
.pane-button-primary { background: var(--colorBrandBackground); color: var(--colorNeutralForegroundOnBrand); border-color: transparent; }
.pane-button-primary:hover { background: var(--colorBrandBackgroundHover); border-color: transparent; }
.pane-button-primary:active { background: var(--colorBrandBackgroundPressed); }
.pane-button-transparent { background: transparent; border-color: transparent; }
.pane-button-transparent:hover { background: transparent; color: var(--colorNeutralForeground2BrandHover); border-color: transparent; }
.pane-button:disabled, .pane-button:disabled:hover { background: var(--colorNeutralBackgroundDisabled); color: var(--colorNeutralForegroundDisabled);
  border-color: var(--colorNeutralStrokeDisabled); cursor: not-allowed; }
.pane-button-transparent:disabled, .pane-button-transparent:disabled:hover { background: transparent; border-color: transparent; }
.pane-button:focus-visible, .pane-control:focus-visible { outline: 2px solid var(--colorStrokeFocus2); outline-offset: 1px; }

.pane-tablist { display: flex; gap: 4px; border-bottom: 1px solid var(--colorNeutralStroke2); }
.pane-tablist .pane-tab { border-radius: 0; border-width: 0 0 3px; border-color: transparent; padding: 4px 8px; }
.pane-tablist .pane-tab-selected { border-bottom-color: var(--colorCompoundBrandStroke); }
.pane-tablist .pane-tab:not(.pane-tab-selected) { font-weight: var(--fontWeightRegular); }

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

.pane-field { display: flex; flex-direction: column; gap: 2px; min-width: 0; }
.pane-field-hint { font-size: var(--fontSizeBase200); line-height: var(--lineHeightBase200); color: var(--colorNeutralForeground3); }
.pane-field-message { font-size: var(--fontSizeBase200); line-height: var(--lineHeightBase200); }
.pane-field-message-warning { color: var(--colorPaletteDarkOrangeForeground1); }
.pane-field-message-error { color: var(--colorPaletteRedForeground1); }
.pane-field-message-success { color: var(--colorPaletteGreenForeground1); }
.pane-control { font: inherit; min-height: 32px; width: 100%; max-width: 100%; box-sizing: border-box; padding: 0 8px;
  border: var(--strokeWidthThin) solid var(--colorNeutralStroke1); border-bottom-color: var(--colorNeutralStrokeAccessible);
  border-radius: var(--borderRadiusMedium); background: var(--colorNeutralBackground1); color: var(--colorNeutralForeground1); }
.pane-radio { display: grid; grid-template-columns: auto minmax(0, 1fr); column-gap: 8px; align-items: baseline; }
.pane-radio input { margin: 0; width: 16px; height: 16px; accent-color: var(--colorBrandBackground); }
.pane-radio input:focus-visible { outline: 2px solid var(--colorStrokeFocus2); outline-offset: 2px; }
.pane-radio .pane-field-hint { grid-column: 2; }
.pane-fieldset:disabled label { color: var(--colorNeutralForegroundDisabled); }
.pane-control:disabled { color: var(--colorNeutralForegroundDisabled); border-color: var(--colorNeutralStrokeDisabled); background: var(--colorTransparentBackground); }
`;
