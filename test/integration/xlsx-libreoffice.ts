// Recalculating .xlsx files in LibreOffice headless, the independent engine the finance
// workbook is checked against.
//
// LibreOffice keeps the cached results stored in an .xlsx by default ("never recalculate"
// for files saved by other producers is not even asked in headless mode). The reliable way
// to force a full recalculation: a private user profile whose registrymodifications.xcu sets
// /org.openoffice.Office.Calc/Formula/Load/OOXMLRecalcMode to 0 ("always"), passed with
// -env:UserInstallation, then `--convert-to xlsx`: the saved copy holds LibreOffice's own
// results, which ExcelJS reads back. Several files go through one launch (soffice starts in
// about a second, but the suite runs on a shared two-core machine). Threaded formula-group
// calculation is off: LibreOffice 7.4 crashed in it (SIGSEGV in ScFormulaCell::InterpretTail)
// recalculating a 100,000-row finance workbook, and small files gain nothing from it.
import { execFile } from "child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";

export const SOFFICE = "/usr/bin/soffice";

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Calculation"><prop oor:name="UseThreadedCalculationForFormulaGroups" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
`;

/** Fails loudly (never skips) when LibreOffice is missing: the proof needs it. */
export function requireLibreOffice(): void {
  if (!existsSync(SOFFICE)) {
    throw new Error(`LibreOffice is required for this test and was not found at ${SOFFICE}; install it with: apt-get install -y libreoffice-calc-nogui`);
  }
}

/**
 * Recalculates every file in one soffice launch; returns the recalculated copies, same order.
 * `recalculate: false` only loads and saves (cached results kept): the baseline that tells
 * the recalculation's own time from LibreOffice's start-up and file handling.
 */
export async function recalculateInLibreOffice(files: readonly string[], { recalculate = true, timeoutMs = 180_000 } = {}): Promise<string[]> {
  requireLibreOffice();
  const work = mkdtempSync(path.join(os.tmpdir(), "offshore-lo-"));
  const profile = path.join(work, "profile");
  mkdirSync(path.join(profile, "user"), { recursive: true });
  // 0 = always recalculate on load, 1 = never.
  writeFileSync(path.join(profile, "user", "registrymodifications.xcu"), recalculate ? RECALC_ALWAYS : RECALC_ALWAYS.replace(/<value>0<\/value>/g, "<value>1</value>"));
  const outDir = path.join(work, "out");
  mkdirSync(outDir);
  // Inputs with the same base name would overwrite each other in outDir.
  const names = files.map((f) => path.basename(f));
  if (new Set(names).size !== names.length) throw new Error("Files recalculated together need distinct names.");
  await new Promise<void>((resolve, reject) => {
    execFile(
      SOFFICE,
      [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", "xlsx", "--outdir", outDir, ...files],
      { timeout: timeoutMs },
      (error, _stdout, stderr) => (error ? reject(new Error(`soffice failed: ${error.message}\n${stderr}`)) : resolve()),
    );
  });
  const outputs = names.map((n) => path.join(outDir, n.replace(/\.[^.]+$/, ".xlsx")));
  for (const out of outputs) if (!existsSync(out)) throw new Error(`LibreOffice did not write ${out}`);
  return outputs;
}

export async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

/** What a recalculated cell shows: the formula's result, an error text, or the constant. */
export function shown(cell: ExcelJS.Cell): unknown {
  const value = cell.value as unknown;
  if (value && typeof value === "object" && ("formula" in value || "sharedFormula" in value)) {
    // cell.value drops a falsy result (0, FALSE); cell.result keeps it.
    const result = cell.result as unknown;
    if (result && typeof result === "object" && "error" in result) return (result as { error: string }).error;
    return result;
  }
  if (value && typeof value === "object" && "error" in value) return (value as { error: string }).error;
  return value;
}

/** Every cell of the workbook showing an Excel error (#NAME?, #VALUE!, #REF!...), as "Sheet!A1 #ERR". */
export function errorCells(workbook: ExcelJS.Workbook): string[] {
  const found: string[] = [];
  workbook.eachSheet((sheet) => {
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const v = shown(cell);
        if (typeof v === "string" && /^#(NAME\?|VALUE!|REF!|DIV\/0!|N\/A|NUM!|NULL!)/.test(v)) found.push(`${sheet.name}!${cell.address} ${v}`);
      }),
    );
  });
  return found;
}
