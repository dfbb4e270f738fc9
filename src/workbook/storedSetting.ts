// A setting the add-in stored in a workbook, read back: checked against a schema of what the
// add-in writes, and ignored with one line when it fails (see src/actions/storedSettings.ts).
import type * as z from "zod/mini";

/** A stored setting checked by `schema`: the value, or null and the line that says it was ignored ("" when there was none). */
export function parseStoredSetting<T>(text: string | undefined, schema: z.ZodMiniType<T>, what: string): { value: T | null; ignored: string } {
  if (!text) return { value: null, ignored: "" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { value: null, ignored: ignoredLine(what) };
  }
  const result = schema.safeParse(parsed);
  return result.success ? { value: result.data, ignored: "" } : { value: null, ignored: ignoredLine(what) };
}

function ignoredLine(what: string): string {
  return `The workbook's stored ${what} is not one the add-in writes (the file may have been edited by hand or by another program), so it was ignored.`;
}
