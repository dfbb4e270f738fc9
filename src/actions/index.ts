// The use cases, written once against the WorkbookPort: the pane, the ribbon and the
// command line all call these.
export * from "./evaluate";
export * from "./mapping";
export * from "./tables";
