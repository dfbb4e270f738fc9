// Every failure the pane shows says what happened, what to do, and what was written.
import { writtenBy } from "../actions/outcome";
import { WorkbookWriteError } from "../workbook/port";
import { Notice } from "./Notice";
import type { PaneFailure } from "./paneActions";

function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === "string" && error) return error;
  return "an unexpected error";
}

/**
 * Turns a thrown error into words. Reads and checks write nothing, so only a
 * WorkbookWriteError can leave something written; it says what, and what may be half-done.
 */
export function failureFrom(error: unknown, what: string, whatToDo: string): PaneFailure {
  if (error instanceof WorkbookWriteError) return { what: `${what}: ${messageOf(error)}`, whatToDo, written: writtenBy(error) };
  return { what: `${what}: ${messageOf(error)}`, whatToDo, written: "Nothing was written." };
}

export function FailureMessage({ failure }: { failure: PaneFailure }) {
  return (
    <Notice intent="error" title={failure.what}>
      {[failure.whatToDo, failure.written].filter(Boolean).join(" ")}
    </Notice>
  );
}
