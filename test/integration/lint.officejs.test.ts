// `npm run lint` applies Microsoft's Office.js rules (eslint-plugin-office-addins) to the code
// that calls Office.js, and only to it: one mistake of each kind, linted as if it were in the
// Office.js adapter, the pane or a command, must fail; the same text in the ExcelJS adapter
// must not (the rules know Office.js objects by method name; ExcelJS's getRow/getCell share them).
import { spawnSync } from "child_process";
import path from "path";
import { ROOT } from "../helpers/build";

const MISTAKES = `
export async function readWithoutSync(): Promise<void> {
  await Excel.run(async (context) => {
    const selected = context.workbook.getSelectedRange();
    selected.load("address");
    console.log(selected.address);
  });
}

export async function readWithoutLoad(): Promise<void> {
  await Excel.run(async (context) => {
    const selected = context.workbook.getSelectedRange();
    await context.sync();
    console.log(selected.values);
  });
}

export async function loadAfterSync(): Promise<void> {
  await Excel.run(async (context) => {
    const selected = context.workbook.getSelectedRange();
    await context.sync();
    selected.load("values");
    console.log(selected.values);
  });
}

export async function syncPerSheet(names: string[]): Promise<void> {
  await Excel.run(async (context) => {
    for (const name of names) {
      context.workbook.worksheets.getItem(name).load("name");
      await context.sync();
    }
  });
}

export async function emptyLoad(): Promise<void> {
  await Excel.run(async (context) => {
    const selected = context.workbook.getSelectedRange();
    selected.load("");
    await context.sync();
  });
}

export async function navigationalLoad(): Promise<void> {
  await Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem("Vendors");
    sheet.load("tables");
    await context.sync();
  });
}

Office.initialize = () => undefined;

export async function nullTestedWithTruthiness(): Promise<void> {
  await Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject("Vendors");
    await context.sync();
    if (!sheet) context.workbook.worksheets.add("Vendors");
  });
}
`;

const ALL_RULES = [
  "call-sync-before-read",
  "load-object-before-read",
  "call-sync-after-load",
  "no-context-sync-in-loop",
  "no-empty-load",
  "no-navigational-load",
  "no-office-initialize",
  "test-for-null-using-isNullObject",
].map((rule) => `office-addins/${rule}`);

/** Lints `text` with the project's own config as if it were the file at `file`. */
function lintAs(file: string, text: string): { exitCode: number | null; officeRules: string[] } {
  const eslint = path.join(ROOT, "node_modules/eslint/bin/eslint.js");
  const run = spawnSync(process.execPath, [eslint, "--format", "json", "--stdin", "--stdin-filename", file], { cwd: ROOT, input: text, encoding: "utf8" });
  if (run.status === 2 || !run.stdout) throw new Error(`eslint did not run: ${run.stderr}`);
  const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
  const crashed = result.messages.find((m) => m.ruleId === null);
  if (crashed) throw new Error(`eslint could not lint ${file}: ${crashed.message}`);
  return {
    exitCode: run.status,
    officeRules: [...new Set(result.messages.map((m) => m.ruleId ?? "").filter((id) => id.startsWith("office-addins/")))].sort(),
  };
}

describe("npm run lint: Office.js rules (eslint-plugin-office-addins)", () => {
  test.each(["src/workbook/excel.ts", "src/taskpane/lintProbe.tsx", "src/commands/lintProbe.ts"])("each kind of Office.js mistake fails the lint in %s", (file) => {
    const lint = lintAs(file, MISTAKES);
    expect(lint.officeRules).toEqual([...ALL_RULES].sort());
    expect(lint.exitCode).toBe(1);
  }, 60_000);

  test("the ExcelJS adapter is outside their scope", () => {
    expect(lintAs("src/workbook/xlsx.ts", MISTAKES).officeRules).toEqual([]);
  }, 60_000);
});
