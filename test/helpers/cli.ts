// The command line in-process, its output collected line by line, and workbooks built for it.
import path from "path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";

export interface CliRun {
  readonly code: number;
  readonly out: string[];
  readonly err: string[];
}

/** Runs the command line with `args` at the fixed time `now`. */
export async function runCli(now: Date, args: readonly string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...args], { out: (l) => out.push(l), err: (l) => err.push(l), now });
  return { code, out, err };
}

/** An .xlsx file in `folder` named `name`, as `build` makes it. */
export async function workbookFile(folder: string, name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const file = path.join(folder, name);
  await wb.xlsx.writeFile(file);
  return file;
}
