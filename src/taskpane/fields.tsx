// The pane's form fields: Fluent UI v9's own Field, Input and Select. Only the parts loaded on
// demand (the vendor table steps, the checklist) import this module, so the fields ship in their
// scripts and not in taskpane.js; always-loaded code takes its controls from controls.tsx.
export { Field, Input, Select } from "@fluentui/react-components";
export type { FieldProps, InputProps, SelectProps } from "@fluentui/react-components";
