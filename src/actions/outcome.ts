// Failures in the buyer's words: what happened, and what reached the workbook.

import { WorkbookWriteError, type WorkbookChange } from "../workbook/port";

export function messageOf(error: unknown): string {
  // A thrown non-error would read "[object Object]"; one with a message says it.
  const message = typeof error === "object" && error !== null ? (error as { message?: unknown }).message : undefined;
  const text = typeof message === "string" && message !== "" ? message : typeof error === "object" && error !== null ? "an unexpected failure" : String(error);
  return text.replace(/[.\s]+$/, "");
}

/** "What was written" in words, from a failed apply. */
export function writtenBy(error: unknown): string {
  if (!(error instanceof WorkbookWriteError)) return "The workbook may be partly changed.";
  const done = error.written.map(describeChange);
  const maybe = error.uncertain.map(describeChange);
  const parts: string[] = [];
  parts.push(done.length > 0 ? `Written: ${[...new Set(done)].join("; ")}.` : "Nothing was written before the failure.");
  if (maybe.length > 0) parts.push(`Possibly partly written: ${[...new Set(maybe)].join("; ")}${error.oneUndoStep ? "; Undo takes it back" : ""}.`);
  return parts.join(" ");
}

/** "Undo takes it back" where that is true of the failed apply (see WorkbookWriteError.oneUndoStep), else nothing. */
export function undoHint(error: unknown): string {
  return error instanceof WorkbookWriteError && error.oneUndoStep ? " Undo takes back anything half-written." : "";
}

export function describeChange(c: WorkbookChange): string {
  switch (c.kind) {
    case "setTableColumn":
      return `column '${c.header}' of table ${c.table}`;
    case "ensureSheet":
      return `sheet '${c.sheet}'`;
    case "writeRange":
    case "clearRange":
    case "formatRange":
      return `cells on sheet '${c.sheet}'`;
    case "createTable":
      return `table ${c.name} on '${c.sheet}'`;
    case "convertRangeToTable":
      return `table ${c.name} from ${c.address} on '${c.sheet}'`;
    case "setName":
      return `the name ${c.name}`;
    case "setSetting":
      return "the column mapping setting";
    case "setChart":
      return `the chart '${c.name}' on '${c.sheet}'`;
    case "setNote":
      return `the note on ${c.address} of '${c.sheet}'`;
  }
}
