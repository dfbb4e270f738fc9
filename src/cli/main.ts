// The command line: the pane's job on an .xlsx file, on a machine with no Excel.
//
//   npm run evaluate -- [input.xlsx] [--out output.xlsx] [--table NAME] [--values] [--in-place]
//
// It runs the same actions as the pane (find the table, evaluate, checklist sheets, prepare
// for finance) through the ExcelJS adapter; this file only parses arguments, reports
// progress and prints. Any failure is one line on stderr and a non-zero exit.
import { constants as fsConstants, existsSync, promises as fs, rmSync } from "fs";
import os from "os";
import path from "path";
import { parseArgs } from "util";
import JSZip from "jszip";
import { evaluateTable, type BuyerZoneUsed, type EvaluatedRows, type RowError } from "../actions/evaluate";
import { prepareForFinance, type FinanceMode, type FinanceVendor } from "../actions/finance";
import { insertChecklistSheet } from "../actions/checklist";
import { currencyNote } from "../actions/financeSummary";
import { blockAt, convertRangeToTable, findVendorBlock, findVendorTables } from "../actions/tables";
import { inputHeaders, missingFieldAdvice, parseMappingSetting, tableMemory } from "../actions/mapping";
import { ASSUMPTION_BY_KEY } from "../model/assumptions";
import { FIELD_BY_KEY, mapHeaders } from "../model/fields";
import { resolveZone } from "../model/zones";
import { shortenedText } from "../model/values";
import { costOverTerm, groupOptions, portfolioSensitivity, type Assumptions } from "../model";
import { SAMPLE_BUYER_TIME_ZONE } from "../sample/vendors";
import { parseRange } from "../workbook/address";
import { MAPPING_SETTING } from "../workbook/port";
import { WorkbookOpenError, XlsxWorkbook } from "../workbook/xlsx";

/** The package's folder, named by the command's bundle (bin/cli-bundle.js), which runs from a cache. */
declare const OFFSHORE_PACKAGE_ROOT: string | undefined;
export const PACKAGE_ROOT = typeof OFFSHORE_PACKAGE_ROOT === "string" ? OFFSHORE_PACKAGE_ROOT : path.resolve(__dirname, "..", "..");
export const DEFAULT_INPUT = path.join(PACKAGE_ROOT, "assets", "sample-vendors.xlsx");
/** Checklist sheets beyond this many vendors would bury the workbook; --checklists raises it. */
export const DEFAULT_CHECKLIST_LIMIT = 25;
/** Tables at least this long report progress on stderr. */
const PROGRESS_FROM_ROWS = 1000;

export const USAGE = `Usage: offshore-evaluate [input.xlsx] [--out output.xlsx] [--table NAME] [--values] [--in-place]
                         [--sheet NAME] [--range A3:L40] [--buyer-zone ZONE] [--checklists N] [--quiet]

Evaluates the vendor table of an .xlsx workbook (default: the bundled sample) and writes a new
workbook next to it (input.evaluated.xlsx) with total cost, risk score and location fit columns,
the assumptions sheet, a finance summary and a governance checklist sheet per vendor.

  --out FILE        where to write (default: <input>.evaluated.xlsx beside the input)
  --table NAME      the vendor table to use (default: the table whose headers match best)
  --sheet NAME      look for the vendor table or block on this sheet only (default: every
                    visible sheet; a block may sit under a title row)
  --range A3:L40    the vendor block, header row first, on --sheet (default: the first sheet)
  --values          static numbers "as of" now instead of portable Excel formulas
  --in-place        write into the input file itself (keeping its permissions; not an .xlsm,
                    whose macros an .xlsx cannot hold, nor a workbook with charts, pivot
                    tables or slicers of its own, which the command cannot keep)
  --buyer-zone ZONE the buyer's time zone for an assumptions sheet that has none yet: an IANA
                    zone, a city, a country, an offset (UTC+5:30) or an abbreviation (CET); a
                    workbook whose sheet names one keeps it (default: ${ASSUMPTION_BY_KEY.buyerTimeZone.defaultValue},
                    the assumption's default, never this computer's zone; ${SAMPLE_BUYER_TIME_ZONE} for the sample)
  --checklists N    checklist sheets for at most N vendors (default ${DEFAULT_CHECKLIST_LIMIT})
  --quiet           print nothing but errors
`;

/** A failure the user can act on; its message is the one line printed. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}

export interface CliOptions {
  readonly input: string;
  readonly output: string;
  readonly table?: string;
  /** Where to look for the vendor block (default: every visible sheet, best match first). */
  readonly sheet?: string;
  /** The vendor block's address, header row first (default: found on the sheet). */
  readonly range?: string;
  readonly mode: FinanceMode;
  /** --buyer-zone (or the sample's zone): for an assumptions sheet without a zone of its own. */
  readonly buyerTimeZone?: string;
  readonly checklistLimit: number;
  readonly quiet: boolean;
}

export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly now?: Date;
}

export interface CliResult {
  readonly output: string;
  readonly table: string;
  readonly vendorCount: number;
  readonly rowErrors: readonly RowError[];
  readonly checklistSheets: number;
}

export function parseCli(argv: readonly string[]): CliOptions | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        out: { type: "string", short: "o" },
        table: { type: "string", short: "t" },
        sheet: { type: "string" },
        range: { type: "string" },
        values: { type: "boolean" },
        "in-place": { type: "boolean" },
        "buyer-zone": { type: "string" },
        checklists: { type: "string" },
        quiet: { type: "boolean", short: "q" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message.split("\n")[0]} (see --help)`, 2);
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";
  if (positionals.length > 1) throw new CliError(`Expected one input workbook, got ${positionals.length}: ${positionals.join(", ")} (see --help)`, 2);
  const input = path.resolve(positionals[0] ?? DEFAULT_INPUT);
  if (values["in-place"] && values.out) throw new CliError("Use either --out or --in-place, not both.", 2);
  const output = values["in-place"] ? input : path.resolve(values.out ?? defaultOutput(input));
  if (!values["in-place"] && output === input) throw new CliError(`The output would overwrite the input ${input}; pass --in-place to allow that, or choose another --out.`, 2);
  // The zone is the workbook's setting: the sample's is known, another workbook's is on its
  // assumptions sheet. This computer's zone is never used, so a file gives the same results anywhere.
  const zoneText = values["buyer-zone"] ?? (input === DEFAULT_INPUT ? SAMPLE_BUYER_TIME_ZONE : undefined);
  const zone = zoneText === undefined ? undefined : resolveZone(zoneText);
  if (zone && !zone.ok) throw new CliError(`--buyer-zone: ${zone.error.message}`, 2);
  if (values.range !== undefined && !/^\$?[A-Z]{1,3}\$?[1-9]\d{0,6}:\$?[A-Z]{1,3}\$?[1-9]\d{0,6}$/i.test(values.range.trim()))
    throw new CliError(`--range must be a block of cells with its header row first, such as A3:L40; got '${values.range}'`, 2);
  if (values.table !== undefined && (values.sheet !== undefined || values.range !== undefined)) throw new CliError("Use either --table or --sheet/--range, not both.", 2);
  let checklistLimit = DEFAULT_CHECKLIST_LIMIT;
  if (values.checklists !== undefined) {
    checklistLimit = Number(values.checklists);
    if (!Number.isInteger(checklistLimit) || checklistLimit < 0) throw new CliError(`--checklists must be a whole number of vendors; got '${values.checklists}'`, 2);
  }
  return {
    input,
    output,
    table: values.table,
    sheet: values.sheet,
    range: values.range?.toUpperCase().replace(/\$/g, ""),
    mode: values.values ? "values" : "formulas",
    buyerTimeZone: zone?.value,
    checklistLimit,
    quiet: Boolean(values.quiet),
  };
}

/** "vendors.xlsx" -> "vendors.evaluated.xlsx", beside it. */
export function defaultOutput(input: string): string {
  const dir = path.dirname(input);
  const base = path.basename(input).replace(/\.xls[xm]$/i, "");
  return path.join(dir, `${base}.evaluated.xlsx`);
}

async function checkWritable(output: string): Promise<void> {
  // A link is written through to its target, so the target's folder is the one written.
  const dir = path.dirname(await fs.realpath(output).catch(() => output));
  try {
    const stat = await fs.stat(dir);
    if (!stat.isDirectory()) throw new CliError(`Cannot write ${output}: ${dir} is not a folder.`);
    await fs.access(dir, fsConstants.W_OK);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`Cannot write ${output}: ${code === "ENOENT" ? `the folder ${dir} does not exist` : `the folder ${dir} is not writable`}.`);
  }
  try {
    const stat = await fs.stat(output);
    if (stat.isDirectory()) throw new CliError(`Cannot write ${output}: it is a folder.`);
    await fs.access(output, fsConstants.W_OK);
  } catch (error) {
    if (error instanceof CliError) throw error;
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new CliError(`Cannot write ${output}: the file is read-only or locked.`);
  }
}

/**
 * The temporary files writeSafely writes, each with its output and whether its rename into place
 * has begun: removed if the command is stopped (`stopOn`).
 */
const partials = new Map<string, { output: string; renaming: boolean }>();
/** The outputs renamed into place: a stop after that leaves a complete workbook. */
const written: string[] = [];

/**
 * Tells the launcher (bin/offshore-evaluate.js) of each temporary file as it is made and gone,
 * so that it removes one left by a process stopped in a way no handler sees (SIGKILL, which the
 * system's out-of-memory killer sends). Set only when run as the command by that launcher.
 */
let tellLauncher: ((message: { partial: string; open: boolean }) => void) | null = null;

function partialMade(partial: string, output: string | null): void {
  if (output !== null) partials.set(partial, { output, renaming: false });
  else partials.delete(partial);
  tellLauncher?.({ partial, open: output !== null });
}

/**
 * Ends the command on Ctrl+C (SIGINT, which the terminal sends to the launcher and this process
 * alike), SIGTERM and SIGHUP with one line and the shell's exit code for a signal (128 + its
 * number), after removing the temporary file of a write under way: the output is renamed into
 * place only once complete, so it is either the old file or the whole new one. A temporary file
 * gone once its rename has begun was renamed: the output is then the new one.
 */
function stopOn(signal: "SIGINT" | "SIGTERM" | "SIGHUP", err: (line: string) => void): void {
  process.on(signal, () => {
    const complete: string[] = [...written];
    for (const [partial, { output, renaming }] of partials) {
      if (renaming && !existsSync(partial)) complete.push(output);
      else rmSync(partial, { force: true });
    }
    err(
      complete.length === 0
        ? `Error: the command line was stopped (${signal}) before it wrote the workbook; nothing was written.`
        : `Error: the command line was stopped (${signal}) after it wrote ${complete.join(", ")}, which is complete.`,
    );
    process.exit(128 + os.constants.signals[signal]);
  });
}
/**
 * Writes `data` to `output` so that a crash never leaves half a workbook, which matters most
 * with --in-place, where the target is the buyer's own file: a temporary file beside the real
 * target, flushed to disk, then renamed over it. A symbolic link is written through (its target
 * is replaced, the link kept), and an existing file keeps its permissions (a private 0600 file
 * stays private) and, when run as root, its owner.
 */
async function writeSafely(output: string, produce: () => Promise<readonly Buffer[]>): Promise<void> {
  let target = output;
  try {
    target = await fs.realpath(output);
  } catch {
    // A new file: written where asked.
  }
  const existing = await fs.stat(target).catch(() => null);
  const partial = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.partial`);
  try {
    const data = await produce();
    partialMade(partial, output);
    const file = await fs.open(partial, "wx", existing ? existing.mode & 0o777 : 0o666);
    try {
      // One buffer after the other, never joined into one; a write may take only part of one.
      for (const chunk of data) for (let done = 0; done < chunk.length; ) done += (await file.write(chunk, done)).bytesWritten;
      // The umask may have narrowed the mode given to open; the file's own mode is what it keeps.
      if (existing) await file.chmod(existing.mode & 0o7777);
      if (existing && process.getuid?.() === 0) await file.chown(existing.uid, existing.gid);
      await file.sync();
    } finally {
      await file.close();
    }
    const made = partials.get(partial);
    if (made) made.renaming = true;
    await fs.rename(partial, target);
    written.push(output);
    partialMade(partial, null);
  } catch (error) {
    await fs.rm(partial, { force: true });
    partialMade(partial, null);
    throw new CliError(`Cannot write ${output}: ${(error as Error).message}`);
  }
  // The rename itself is durable only once the folder is flushed (not possible on Windows).
  const folder = await fs.open(path.dirname(target), "r").catch(() => null);
  if (folder) await folder.sync().catch(() => undefined).finally(() => folder.close());
}

/** Whether a workbook file carries a VBA project: an .xlsm by name, or by its package's parts. */
async function holdsMacros(file: string): Promise<boolean> {
  if (/\.(xlsm|xltm)$/i.test(file)) return true;
  try {
    const zip = await JSZip.loadAsync(await fs.readFile(file));
    if (Object.keys(zip.files).some((name) => /(^|\/)vbaProject\.bin$/i.test(name))) return true;
    return /macroEnabled/i.test((await zip.file("[Content_Types].xml")?.async("string")) ?? "");
  } catch {
    return false; // Not a package: opening it says why.
  }
}

/**
 * The command line writes .xlsx packages, which hold no macros: it refuses to overwrite a
 * macro workbook (--in-place would delete its VBA project and leave a package Excel no longer
 * opens as .xlsm) or to give its output an .xlsm name, and says so when a copy leaves them out.
 */
async function checkMacros(options: CliOptions): Promise<string | null> {
  if (/\.(xlsm|xltm)$/i.test(options.output) && options.output !== options.input) {
    throw new CliError(`Cannot write ${options.output}: the command line writes an .xlsx workbook without macros, which Excel does not open under an .xlsm name; choose a name ending in .xlsx.`);
  }
  if (!(await holdsMacros(options.input))) return null;
  const name = path.basename(options.input);
  if (options.output === options.input) {
    throw new CliError(
      `${name} holds macros, which the command line cannot keep: --in-place would delete them. Use --out ${path.basename(defaultOutput(options.input))} for an evaluated .xlsx copy without macros (${name} stays as it is), or use the add-in in Excel, which keeps them.`,
    );
  }
  return `${name} holds macros; ${path.basename(options.output)} is an .xlsx without them (${name} keeps them).`;
}

/**
 * The command line writes what ExcelJS reads (cells, styles, notes, tables, pictures) and its own
 * charts: a buyer's charts, pivot tables, slicers and the like are not in the file it writes
 * (XlsxWorkbook.notKept). It refuses to overwrite the buyer's file without them (--in-place), as
 * for macros, and says so when a copy leaves them out.
 */
function checkNotKept(workbook: XlsxWorkbook, options: CliOptions): string | null {
  const notKept = workbook.notKept();
  if (notKept.length === 0) return null;
  const name = path.basename(options.input);
  const what = new Intl.ListFormat("en", { style: "long", type: "conjunction" }).format(notKept);
  if (options.output === options.input) {
    throw new CliError(
      `${name} holds ${what}, which the command line cannot keep: --in-place would delete them. Use --out ${path.basename(defaultOutput(options.input))} for an evaluated copy without them (${name} stays as it is), or use the add-in in Excel, which keeps them.`,
    );
  }
  return `${name} holds ${what}, which ${path.basename(options.output)} does not have: the command line cannot keep them (${name} keeps them, and so does the add-in in Excel).`;
}

async function pickTable(workbook: XlsxWorkbook, options: CliOptions, notes: string[]): Promise<string> {
  const { table: wanted, input } = options;
  let sheets = workbook.sheetNames();
  if (options.sheet !== undefined) {
    const sheet = sheets.find((s) => s.toLowerCase() === options.sheet!.toLowerCase());
    if (!sheet) throw new CliError(`No sheet named '${options.sheet}' in ${path.basename(input)}; its sheets: ${sheets.join(", ") || "none"}.`);
    sheets = [sheet];
  }
  if (options.range !== undefined) return blockAtRange(workbook, sheets[0], options.range, input, notes);
  const ranked = await findVendorTables(workbook);
  const found = { ...ranked, tables: ranked.tables.filter((c) => sheets.includes(c.table.sheet)) };
  if (wanted) {
    const all = await workbook.listTables();
    const table = all.find((t) => t.name.toLowerCase() === wanted.toLowerCase());
    if (!table) throw new CliError(`No table named '${wanted}' in ${path.basename(input)}; its tables: ${all.map((t) => t.name).join(", ") || "none"}.`);
    const candidate = found.tables.find((c) => c.table.name === table.name);
    if (!candidate || candidate.missingRequired.length > 0) throw missingColumns(table.name, candidate?.missingRequired ?? ["hourlyRate", "hours"]);
    return table.name;
  }
  const best = found.tables[0];
  if (best) {
    if (best.missingRequired.length > 0) throw missingColumns(best.table.name, best.missingRequired);
    return best.table.name;
  }
  // A file has no selection: look for the block (under a title row, on any sheet) as the pane
  // ranks tables, best match first.
  const region = await findVendorBlock(workbook, sheets);
  if (region) {
    // A plain range with vendor headers: make it a table, as the pane offers to.
    const converted = await convertRangeToTable(workbook, region);
    if (!converted.ok) throw new CliError(converted.message);
    notes.push(...(converted.notes ?? []));
    return converted.table;
  }
  throw new CliError(
    `No vendor table in ${path.basename(input)}${options.sheet !== undefined ? ` on the sheet '${sheets[0]}'` : ""}: expected a table (or a block with a header row) with at least the columns ${["hourlyRate", "hours"].map((f) => `'${FIELD_BY_KEY[f as "hours"].header}'`).join(" and ")}, such as ${found.expectedHeaders.slice(0, 6).join(", ")}.`,
  );
}

/** Rows listed in full in the one-line refusal; the count says how many more. */
const LISTED_CELLS = 10;

/** A formula with no saved value reads as blank: refuse, naming the cells, rather than drop or misread their rows. */
async function refuseUncalculated(workbook: XlsxWorkbook, table: string): Promise<void> {
  const [info] = (await workbook.listTables()).filter((t) => t.name === table);
  const read = await workbook.read({ settings: [MAPPING_SETTING] });
  const memory = tableMemory(parseMappingSetting(read.settings[MAPPING_SETTING]), table);
  const inputs = inputHeaders(info.headers, memory);
  const map = mapHeaders(inputs, memory.byHand);
  const readColumns = Object.values(map.columns).map((c) => inputs[c]);
  const cells = workbook.uncalculatedCells(table, readColumns);
  if (cells.length === 0) return;
  const listed = cells.slice(0, LISTED_CELLS).map((c) => `row ${c.row} ('${c.header}')`);
  const more = cells.length > LISTED_CELLS ? ` and ${cells.length - LISTED_CELLS} more` : "";
  throw new CliError(
    `${cells.length} cell${cells.length === 1 ? " holds a formula" : "s hold formulas"} with no saved value, so ${cells.length === 1 ? "its row" : "their rows"} would be read as blank: ${listed.join(", ")}${more}. ` +
      `The workbook was written by a program or saved without recalculating: open it in Excel (or LibreOffice Calc) and save it, so each formula's value is stored, then run again.`,
  );
}

/** --range: that block, header row first, on --sheet (default: the first visible sheet). */
async function blockAtRange(workbook: XlsxWorkbook, sheet: string | undefined, range: string, input: string, notes: string[]): Promise<string> {
  const region = sheet === undefined ? null : await blockAt(workbook, sheet, range);
  if (!region) throw new CliError(`${path.basename(input)} has no visible sheet to read --range ${range} from.`);
  const area = parseRange(region.address);
  // A range over a table is that table: converting it again would lay a table over a table.
  const owner = (await workbook.listTables()).find((t) => {
    if (t.sheet !== region.sheet) return false;
    const r = parseRange(t.address);
    return r.left <= area.right && area.left <= r.right && r.top <= area.bottom && area.top <= r.bottom;
  });
  if (owner) {
    notes.push(`--range ${range} on '${region.sheet}' overlaps the table '${owner.name}' (${owner.address}), so that table is evaluated.`);
    return owner.name;
  }
  if (region.rowCount < 1) throw new CliError(`--range ${range} on '${region.sheet}' has no vendor rows under its header row.`);
  const map = mapHeaders(region.headers);
  if (map.missingRequired.length > 0) throw missingColumns(`${region.sheet}!${region.address}`, map.missingRequired, "range");
  const converted = await convertRangeToTable(workbook, region);
  if (!converted.ok) throw new CliError(converted.message);
  notes.push(...(converted.notes ?? []));
  return converted.table;
}

function missingColumns(table: string, missing: readonly string[], subject = "table"): CliError {
  const names = missing.map((f) => `'${FIELD_BY_KEY[f as "hours"].header}'`).join(" and ");
  return new CliError(`The ${subject} '${table}' has no column for ${names}: ${missingFieldAdvice(missing[0] as "hours").replace(", or pick the column that holds it by hand", "")}`);
}

/** Runs the whole job; throws CliError for anything the user must fix. */
export async function runCli(options: CliOptions, io: CliIo): Promise<CliResult> {
  const now = io.now ?? new Date();
  const today = { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
  let progressOn = false;
  const progress = (line: string) => {
    if (progressOn && !options.quiet) io.err(line);
  };

  await checkWritable(options.output);
  const macroWarning = await checkMacros(options);
  let workbook: XlsxWorkbook;
  try {
    workbook = await XlsxWorkbook.open(options.input);
  } catch (error) {
    if (error instanceof WorkbookOpenError) throw new CliError(error.message);
    throw error;
  }
  const notKeptWarning = checkNotKept(workbook, options);
  const notes: string[] = [];
  const table = await pickTable(workbook, options, notes);
  await refuseUncalculated(workbook, table);
  const size = (await workbook.listTables()).find((t) => t.name === table)?.rowCount ?? 0;
  progressOn = size >= PROGRESS_FROM_ROWS;
  progress(`Evaluating ${size.toLocaleString("en-US")} rows of table '${table}'...`);

  // Only what is reported at the end is kept of the evaluation, and the rows' evaluations for
  // the finance summary, which takes them (handoff) instead of evaluating every row again.
  const { evaluated, rateCard, vendorRows, handoff } = await (async () => {
    const run = await evaluateTable(workbook, table, {
      buyerTimeZone: options.buyerTimeZone,
      today,
      onProgress: (p) => progress(`  ${p.step}`),
    });
    if (run.kind !== "done") throw new CliError(run.message);
    notes.push(...zoneNotes(run.buyerTimeZone, options.buyerTimeZone));
    // One checklist per vendor option: a rate card's option (several rows, one per role) has
    // one, made from all its rows (model/rateCard.ts), which its first row stands for.
    const rows = run.evaluations.map((e) => e?.row);
    const rateCard = rows.some((r) => r !== undefined && (r.role !== undefined || r.option !== undefined));
    return {
      evaluated: { rowErrors: run.rowErrors, warnings: run.warnings, notice: run.notice },
      rateCard,
      vendorRows: groupOptions(rows, rateCard).map((g) => g.members[0]),
      handoff: { evaluatedRows: run.evaluatedRows } as { evaluatedRows?: EvaluatedRows },
    };
  })();
  const checklistRows = vendorRows.slice(0, options.checklistLimit);
  if (checklistRows.length > 0) progress(`Writing ${checklistRows.length} checklist sheets...`);
  const written = new Set<string>();
  for (const rowIndex of checklistRows) {
    const outcome = await insertChecklistSheet(workbook, { table, rowIndex, today });
    // An option whose rows disagree has no checklist; its rows are reported as not evaluated.
    if (outcome.kind !== "done" && rateCard) continue;
    if (outcome.kind !== "done") throw new CliError(outcome.message);
    written.add(outcome.sheet);
  }
  const checklistSheets = written.size;

  progress("Preparing the finance summary...");
  // The finance step's evaluations (some 20 KB a vendor with their drivers and sentences) are
  // let go before the file is written, the step that needs most memory: what is printed at the
  // end is made from them first, and printed once the file is written.
  const finance = await financeReport(workbook, table, options, now, handoff, (p) => progress(`  ${p.step}`));

  progress(`Writing ${options.output}...`);
  await writeSafely(options.output, () => workbook.toChunks());

  if (!options.quiet) {
    for (const e of evaluated.rowErrors) io.err(`Row ${e.row} not evaluated: ${e.message}`);
    for (const w of [...notes, ...evaluated.warnings]) io.err(`Warning: ${w}`);
    if (macroWarning) io.err(`Warning: ${macroWarning}`);
    if (notKeptWarning) io.err(`Warning: ${notKeptWarning}`);
    for (const line of workbook.ignoredSettings) io.err(`Warning: ${line}`);
    for (const line of finance.lines) io.out(line);
    if (evaluated.notice) io.out(evaluated.notice);
    if (finance.notice) io.out(finance.notice);
    const skipped = vendorRows.length - checklistRows.length;
    io.out("");
    io.out(
      `Wrote ${options.output}: table '${table}', ${finance.vendorCount} vendor${finance.vendorCount === 1 ? "" : "s"}, ` +
        `${options.mode === "formulas" ? "portable formulas" : "values as of " + now.toISOString().slice(0, 16).replace("T", " ") + " UTC"}, ` +
        `${checklistSheets} checklist sheet${checklistSheets === 1 ? "" : "s"}` +
        (skipped > 0 ? ` (${skipped} more vendors have none; use --checklists ${vendorRows.length})` : "") +
        (evaluated.rowErrors.length > 0 ? `; ${evaluated.rowErrors.length} row${evaluated.rowErrors.length === 1 ? "" : "s"} not evaluated (listed above)` : "") +
        ".",
    );
  }
  return { output: options.output, table, vendorCount: finance.vendorCount, rowErrors: evaluated.rowErrors, checklistSheets };
}

/** What the command keeps of the finance step once the summary is in the workbook. */
interface FinanceReport {
  readonly vendorCount: number;
  /** The lines printed for the vendors (summary, sensitivity, cost by year), made before the file is written. */
  readonly lines: readonly string[];
  readonly notice: string | undefined;
}

/**
 * Prepares the finance summary in the workbook from the rows' evaluations, and makes the lines
 * printed about its vendors: its own function, so that nothing of the evaluations is held while
 * the file is written (the caller gives up its list of them).
 */
async function financeReport(
  workbook: XlsxWorkbook,
  table: string,
  options: CliOptions,
  now: Date,
  handoff: { evaluatedRows?: EvaluatedRows },
  onProgress: (p: { step: string }) => void,
): Promise<FinanceReport> {
  // Handed over in the options alone, which the finance step takes it from (FinanceOptions.evaluated),
  // so that no frame here holds the rows' input cells once it has compared them.
  const financeOptions = { mode: options.mode, now, buyerTimeZone: options.buyerTimeZone, evaluated: handoff.evaluatedRows, onProgress };
  handoff.evaluatedRows = undefined;
  const finance = await prepareForFinance(workbook, table, financeOptions);
  if (finance.kind !== "done") throw new CliError(finance.message);
  const lines: string[] = [];
  if (!options.quiet) {
    const out = (line: string) => lines.push(line);
    printSummary(finance.vendors, out, finance.sheet);
    out(currencyNote(finance.assumptions, finance.assumptionsSheet));
    printSensitivity(finance.vendors, finance.assumptions, out);
    printCostByYear(finance.vendors, finance.assumptions, out);
  }
  return { vendorCount: finance.vendors.length, lines, notice: finance.notice };
}

/** What the user should know about the buyer time zone the evaluation used. */
function zoneNotes(used: BuyerZoneUsed, given: string | undefined): string[] {
  const cell = `'${ASSUMPTION_BY_KEY.buyerTimeZone.name}' on the sheet '${used.sheet}'`;
  if (used.from === "default")
    return [`The workbook names no buyer time zone, so the overlap is measured from ${used.zone} (the assumption's default); pass --buyer-zone, or set ${cell}, if your team works elsewhere.`];
  if (used.from === "workbook" && given !== undefined && given !== used.zone)
    return [`--buyer-zone ${given} was not used: the workbook's ${cell} says ${used.zone}; change that cell to change it.`];
  return [];
}

/** Vendors shown in the terminal; the workbook has them all. */
const PRINTED_VENDORS = 30;

export function printSummary(vendors: readonly FinanceVendor[], out: (line: string) => void, sheet = "Finance summary"): void {
  const money = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
  const rate = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const sorted = [...vendors].sort((x, y) => x.rankByCost - y.rankByCost || x.tableRow - y.tableRow);
  const rows = sorted.slice(0, PRINTED_VENDORS).map((v) => [
    v.vendor.length > 32 ? v.vendor.slice(0, 31) + "…" : v.vendor,
    money.format(v.evaluation.cost.total),
    rate.format(v.evaluation.cost.effectiveHourlyRate),
    `${v.evaluation.risk.score.toFixed(0)} ${v.evaluation.risk.label}`,
    v.evaluation.fit.verdict,
    v.evaluation.fit.overlapHours.toFixed(1),
    String(v.rankByCost),
    String(v.rankByRisk),
    money.format(v.costRange.low),
    money.format(v.costRange.high),
    v.rangesOverlapping === 0 ? "clear" : `not meaningful (${v.rangesOverlapping})`,
  ]);
  // The range columns come last, so the columns before them keep their place for scripts that read them.
  const headers = ["Vendor", "Total cost", "Per hour", "Risk", "Location fit", "Overlap h", "Cost rank", "Risk rank", "Cost low", "Cost high", "Cost ranking"];
  const right = [false, true, true, false, false, true, true, true, true, true, false];
  // A rate card's options: how many table rows (roles) each has and its blended rate, after the rest.
  // The blended rate is in the currency the option quoted, which a Currency column names: it says
  // so ("INR 2,536.67"), since Per hour beside it is in the reporting currency.
  if (vendors.some((v) => v.members !== undefined)) {
    headers.push("Rows", "Blended rate");
    right.push(true, true);
    sorted.slice(0, PRINTED_VENDORS).forEach((v, i) => {
      const quoted = v.evaluation.row.exchange?.currency;
      rows[i].push(String(v.members?.length ?? 1), `${quoted ? quoted + " " : ""}${rate.format(v.evaluation.row.hourlyRate)}`);
    });
  }
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (right[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join("  ").trimEnd();
  out(line(headers));
  out(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) out(line(r));
  if (sorted.length > PRINTED_VENDORS) out(`... and ${sorted.length - PRINTED_VENDORS} more vendors (all in the workbook's '${sheet}' sheet)`);
}

/** Assumptions the portfolio's tornado lists. */
const PRINTED_SENSITIVITIES = 10;

/**
 * Which assumptions matter: per vendor the sentence for the buyer, and for all vendors
 * together the ten assumptions that move the sum most from their low to their high end.
 */
export function printSensitivity(vendors: readonly FinanceVendor[], a: Assumptions, out: (line: string) => void): void {
  if (vendors.length === 0) return;
  const money = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
  out("");
  out("Cost low and high: every cost assumption at the low or the high end of its range; a cost ranking is not meaningful where two vendors' ranges overlap by half the narrower one or more.");
  out("Most sensitive assumption per vendor:");
  // A vendor cell may hold thousands of characters: the line names the vendor by its start.
  for (const v of vendors.slice(0, PRINTED_VENDORS)) out(`  ${shortenedText(v.vendor)}: ${v.sensitivity}`);
  if (vendors.length > PRINTED_VENDORS) out(`  ... and ${vendors.length - PRINTED_VENDORS} more vendors (the workbook's summary has them all)`);
  const bars = portfolioSensitivity(vendors.map((v) => v.evaluation.row), a).slice(0, PRINTED_SENSITIVITIES);
  const total = vendors.reduce((sum, v) => sum + v.evaluation.cost.total, 0);
  out(`All ${vendors.length} vendors together (total ${money.format(total)}): the assumptions that move the sum most, each from its low to its high end:`);
  const rows = bars.map((b) => [b.name, money.format(b.totalAtLow), money.format(b.totalAtHigh), money.format(b.swing)]);
  const headers = ["Assumption", "Sum at low", "Sum at high", "Swing"];
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => "  " + cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ").trimEnd();
  out(line(headers));
  for (const r of rows) out(line(r));
}

/** Contract years printed; longer engagements are summed in "Over the term". */
const PRINTED_YEARS = 10;

/**
 * For multi-year engagements: each vendor's cost per contract year with its rate rising by
 * its country's wage inflation, or the contract's indexation cap where lower (term.ts).
 */
export function printCostByYear(vendors: readonly FinanceVendor[], a: Assumptions, out: (line: string) => void): void {
  const shown = vendors.slice(0, PRINTED_VENDORS);
  if (!shown.some((v) => v.evaluation.row.durationMonths > 12)) return;
  const money = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
  const terms = shown.map((v) => ({ v, term: costOverTerm(v.evaluation.row, a) }));
  const yearCount = Math.min(PRINTED_YEARS, Math.max(...terms.map((t) => t.term.years.length)));
  out("");
  out(`Cost by contract year, in ${a.reportingCurrency}: each rate rises by its country's wage inflation assumption, or by the row's Indexation cap where lower (exchange rates held):`);
  const headers = ["Vendor", "Rise/yr", ...Array.from({ length: yearCount }, (_, i) => `Year ${i + 1}`), "Over the term", "At today's rate"];
  const rows = terms.map(({ v, term }) => [
    v.vendor.length > 32 ? v.vendor.slice(0, 31) + "…" : v.vendor,
    term.notSplit ? "n/a" : `${Number((term.yearlyRise * 100).toFixed(2))}%`,
    ...Array.from({ length: yearCount }, (_, i) => (term.years[i] ? money.format(term.years[i].total) : "")),
    term.notSplit ? term.riseBasis : money.format(term.total),
    money.format(v.evaluation.cost.total),
  ]);
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => "  " + cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ").trimEnd();
  out(line(headers));
  for (const r of rows) out(line(r));
}

export async function main(argv: readonly string[], io: CliIo = { out: (l) => process.stdout.write(l + "\n"), err: (l) => process.stderr.write(l + "\n") }): Promise<number> {
  try {
    const options = parseCli(argv);
    if (options === "help") {
      io.out(USAGE);
      return 0;
    }
    await runCli(options, io);
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`Error: ${error.message}`);
      return error.exitCode;
    }
    // The engine's own errors ("x.map is not a function") and thrown non-errors ("[object Object]")
    // mean nothing to the user; the stack is there for whoever reports it.
    const internal = !(error instanceof Error) || error instanceof TypeError || error instanceof ReferenceError;
    io.err(
      internal
        ? "Error: unexpected failure inside the command line (not a problem you can fix in the workbook); set OFFSHORE_DEBUG=1 to see the details, and please report it."
        : `Error: unexpected failure: ${error.message}`,
    );
    if (process.env.OFFSHORE_DEBUG) io.err(error instanceof Error ? (error.stack ?? error.message) : JSON.stringify(error));
    return 1;
  }
}

if (require.main === module) {
  // A reader that stops early (`offshore-evaluate | head -1`) closes the pipe, and Node reports it
  // as an EPIPE 'error' event on stdout, which would end the process with a stack trace. The
  // workbook is the command's work and its printed table only a courtesy: stop printing, go on.
  let stdoutOpen = true;
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    stdoutOpen = false;
  });
  const io: CliIo = {
    out: (line) => {
      if (stdoutOpen) process.stdout.write(line + "\n");
    },
    err: (line) => process.stderr.write(line + "\n"),
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) stopOn(signal, io.err);
  // The channel only carries those notices: it must not keep the process alive once its work is done.
  if (process.send && process.env.OFFSHORE_LAUNCHER_CHANNEL === "1") {
    process.channel?.unref();
    tellLauncher = (message) => process.send?.(message);
  }
  main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
