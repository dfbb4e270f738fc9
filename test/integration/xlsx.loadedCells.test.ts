// The cells of a workbook the adapter reads are held until it writes the file, and are made
// smaller once read (src/workbook/xlsxLoadedCells.ts): the cells ExcelJS gave an empty style of
// their own share one frozen empty style, and each cell's address is one string. Nothing ExcelJS's
// API shows of a cell may change, nor what a change made through it does, nor the file written:
// each is compared with the same file read by ExcelJS 4.4 alone.
import { execFile } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import { promisify } from "util";
import v8 from "v8";
import ExcelJS from "exceljs";
import { XlsxWorkbook } from "../../src/workbook/xlsx";
import { cellsOf, parts, readBoth, ROWS, shown, styles, userFile, type HeldCell } from "../helpers/loadedCells";

const ROOT = path.resolve(__dirname, "..", "..");
const work = mkdtempSync(path.join(os.tmpdir(), "offshore-loaded-cells-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the cells of a workbook read", () => {
  it("share one frozen empty style where ExcelJS gave each one of its own, and show ExcelJS's cells", async () => {
    const { theirs, book } = await readBoth(await userFile());
    const mine = cellsOf(book.getWorksheet("Vendors")!);
    const expected = cellsOf(theirs.getWorksheet("Vendors")!);
    expect(mine.map((c) => c.address)).toEqual(expected.map((c) => c.address));

    // Cells whose model names no style: ExcelJS gave each an empty object of its own.
    const unstyled = mine.filter((cell) => cell._value.model.style === undefined);
    expect(unstyled.length).toBe(expected.filter((cell) => cell._value.model.style === undefined).length);
    expect(unstyled.length).toBeGreaterThan(ROWS * 4);
    const held = new Set(unstyled.map((cell) => cell._style));
    expect(held.size).toBe(1);
    const [shared] = held;
    expect(shared).toEqual({});
    expect(Object.isFrozen(shared)).toBe(true);
    // A style number's model stays that style's, shared as ExcelJS shares it (column H's is empty).
    const plain = mine.filter((cell) => Number(cell.col) === 8 && Number(cell.row) > 1);
    expect(new Set(plain.map((cell) => cell._style)).size).toBe(1);
    expect(plain[0]._style).not.toBe(shared);
    expect(Object.isFrozen(plain[0]._style)).toBe(false);

    // Reading them as ExcelJS's API shows them (the six style getters included) leaves them shared.
    expect(shown(mine)).toEqual(shown(expected));
    expect(new Set(unstyled.map((cell) => cell._style))).toEqual(held);
    // Their styles, read, are objects of their own, as ExcelJS's.
    expect(styles(mine)).toEqual(styles(expected));
  });

  it("hold a shared formula's models as ordinary objects, not the dictionaries ExcelJS's reconciling leaves, with the same fields in order", async () => {
    // V8's own answer to whether an object keeps its fields in order (fast) or as a dictionary.
    v8.setFlagsFromString("--allow-natives-syntax");
    const fast = new Function("object", "return %HasFastProperties(object)") as (object: object) => boolean;
    const { theirs, book } = await readBoth(await userFile());
    const formulas = (sheet: ExcelJS.Worksheet) => cellsOf(sheet).filter((cell) => cell.type === ExcelJS.ValueType.Formula);
    const mine = formulas(book.getWorksheet("Vendors")!);
    const expected = formulas(theirs.getWorksheet("Vendors")!);
    expect(mine.length).toBe(ROWS - 1);
    expect(expected.filter((cell) => !fast(cell._value.model)).length).toBeGreaterThan(ROWS / 2);
    expect(mine.filter((cell) => !fast(cell._value.model)).map((cell) => cell.address)).toEqual([]);
    expect(mine.map((cell) => Object.entries(cell._value.model))).toEqual(expected.map((cell) => Object.entries(cell._value.model)));
    expect(mine.map((cell) => cell.formula)).toEqual(expected.map((cell) => cell.formula));
  });

  it("are read with the parser's garbage collected before the parts are reconciled, where the heap in use is large", async () => {
    const file = await userFile();
    const steps: string[] = [];
    const held = globalThis as { gc?: () => void };
    const gc = held.gc;
    held.gc = () => steps.push("collect");
    const xlsx = Object.getPrototypeOf(new ExcelJS.Workbook().xlsx) as { reconcile(model: unknown, options: unknown): void };
    const reconcile = xlsx.reconcile;
    const spy = jest.spyOn(xlsx, "reconcile").mockImplementation(function (this: unknown, model, options) {
      steps.push("reconcile");
      reconcile.call(this, model, options);
    });
    const usage = process.memoryUsage();
    const memory = jest.spyOn(process, "memoryUsage");
    try {
      for (const heapUsed of [600 * 2 ** 20, 100 * 2 ** 20]) {
        steps.length = 0;
        memory.mockReturnValue({ ...usage, heapUsed });
        await XlsxWorkbook.fromBuffer(file);
        expect({ heapUsed, steps: steps.slice(0, 2) }).toEqual({ heapUsed, steps: heapUsed > 512 * 2 ** 20 ? ["collect", "reconcile"] : ["reconcile"] });
      }
    } finally {
      held.gc = gc;
      memory.mockRestore();
      spy.mockRestore();
    }
  });

  it("are written as ExcelJS writes them, and changed through ExcelJS's API as its own cells are", async () => {
    const file = await userFile();
    const { theirs, ours, book } = await readBoth(file);
    const change = (workbook: ExcelJS.Workbook) => {
      const sheet = workbook.getWorksheet("Vendors")!;
      // A date in an unstyled cell: its style number is a date format's, a number's is General.
      sheet.getCell("B3").value = new Date(Date.UTC(2026, 2, 1));
      sheet.getCell("C3").value = "text now";
      // Cell's setters write into the cell's style object.
      sheet.getCell("B4").font = { bold: true };
      sheet.getCell("C4").numFmt = "0.00";
      sheet.getCell("A5").alignment = { wrapText: true };
      sheet.getCell("B5").border = { top: { style: "thin" } };
      sheet.getCell("C5").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFF0000" } };
      sheet.getCell("D5").protection = { locked: false };
      // Row's setters call them on each of its cells.
      sheet.getRow(6).font = { italic: true };
      sheet.getRow(7).numFmt = "0.0";
      // Into a style read from a cell.
      sheet.getCell("B8").style.numFmt = "0%";
      // A style number's model is every cell's of that number: all of column H.
      sheet.getCell("H8").font = { color: { argb: "FF00AA00" } };
      // Merged cells hold their master's style; a font given to one is the master's.
      sheet.mergeCells("B9:C9");
      sheet.getCell("C9").font = { underline: true };
      // Duplicated rows hold the source row's styles; inserted rows move styles down.
      sheet.duplicateRow(10, 2, true);
      sheet.getCell("B11").font = { size: 14 };
      sheet.insertRow(30, ["Inserted", 1, 2, "x"]);
      sheet.getCell("B31").font = { name: "Arial" };
      sheet.spliceRows(40, 1);
      sheet.getCell("C40").font = { size: 9 };
      // A table's column style, given to each of its cells by Cell's setters (lib/doc/table.js).
      sheet.addTable({ name: "Flags", ref: "K2", headerRow: true, columns: [{ name: "Flag", style: { font: { bold: true } } } as ExcelJS.TableColumnProperties], rows: [[1], [2], [3]] });
      // Cleared as the adapter clears a range.
      sheet.getCell("D12").value = null;
      sheet.getCell("D12").style = {};
    };
    change(theirs);
    change(book);

    const expected = await parts(await theirs.xlsx.writeBuffer());
    const actual = await parts(await ours.toBuffer());
    expect(Object.keys(actual)).toEqual(Object.keys(expected));
    for (const name of Object.keys(expected)) expect({ name, xml: actual[name] }).toEqual({ name, xml: expected[name] });

    // And what is left to change later: each cell's style and which cells share one. (ExcelJS's
    // writer leaves its numbers on its cells' value models, the adapter's does not: the models
    // are compared above.)
    const mine = cellsOf(book.getWorksheet("Vendors")!);
    const theirCells = cellsOf(theirs.getWorksheet("Vendors")!);
    const api = (cells: HeldCell[]) => shown(cells).map((cell) => ({ ...(cell as object), model: undefined }));
    expect(api(mine)).toEqual(api(theirCells));
    expect(styles(mine)).toEqual(styles(theirCells));
  });

  it("keep none of a sheet part's XML once read: a formula's or a result's text cut from it is made a text of its own", async () => {
    // Formulas of their own text (quotes escaped in the XML, so parsed in pieces) and texts as their results, as the command's finance summary holds.
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Summary");
    for (let r = 1; r <= 4000; r++) {
      sheet.getCell(`A${r}`).value = r;
      sheet.getCell(`B${r}`).value = { formula: `IF(A${r}>2,"Vendor row ${r} is ranked","Vendor row ${r} is not")`, result: `Vendor row ${r} is ranked` } as ExcelJS.CellValue;
    }
    const file = path.join(work, "summary.xlsx");
    await book.xlsx.writeFile(file);
    const sheetXml = (await parts(await book.xlsx.writeBuffer()))["xl/worksheets/sheet1.xml"].length;
    expect(sheetXml).toBeGreaterThan(500_000);
    // Every string of XML of a tenth of the sheet's or more that the heap holds, as its length and first characters.
    const large = await inSnapshot<{ size: number; start: string }[]>(
      file,
      "adapter",
      `
        const nodeFields = meta.node_fields.length;
        const nodeTypes = meta.node_types[0];
        const found = [];
        for (let i = 0; i < nodes.length; i += nodeFields)
          if (/string/.test(nodeTypes[nodes[i]]) && nodes[i + 3] >= ${Math.floor(sheetXml / 10)} && strings[nodes[i + 1]].startsWith("<?xml")) found.push({ size: nodes[i + 3], start: strings[nodes[i + 1]].slice(0, 30) });
        return found;`,
    );
    expect(large).toEqual([]);
  }, 60_000);

  describe("in a heap snapshot", () => {
    let file: string;
    let addresses: string[];
    /** Cells of rows 101 on whose model CellXform parses with the fields `address`, `value`, `type`: unstyled numbers, text, booleans, errors. */
    let plain: Set<string>;
    /** And those with a style as well (`styleId` second, `style` last): styled numbers and dates. */
    let styled: Set<string>;
    beforeAll(async () => {
      file = path.join(work, "vendors.xlsx");
      writeFileSync(file, await userFile());
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(file);
      const below = cellsOf(book.getWorksheet("Vendors")!).filter((cell) => Number(cell.row) > 100);
      addresses = below.map((cell) => cell.address).sort();
      plain = new Set(below.filter((cell) => Object.keys(cell._value.model).join() === "address,value,type").map((cell) => cell.address));
      styled = new Set(below.filter((cell) => Object.keys(cell._value.model).join() === "address,styleId,value,type,style").map((cell) => cell.address));
    });

    it("hold each cell's address once", async () => {
      const { strings } = await heapOf(file, "adapter");
      expect(addresses.length).toBeGreaterThan(1000);
      expect(Object.keys(strings).sort()).toEqual(addresses);
      expect(Object.entries(strings).filter(([, n]) => n !== 1)).toEqual([]);
    }, 60_000);

    it("hold a value's model, styled or not, in fewer bytes than ExcelJS, and no model in more", async () => {
      const ours = (await heapOf(file, "adapter")).models;
      const theirs = (await heapOf(file, "exceljs")).models;
      expect(Object.keys(ours).sort()).toEqual(addresses);
      expect(Object.keys(theirs).sort()).toEqual(addresses);
      expect(plain.size).toBeGreaterThan(500);
      expect(styled.size).toBeGreaterThan(300);
      const smaller = (address: string) => plain.has(address) || styled.has(address);
      const larger = addresses.filter((address) => (smaller(address) ? ours[address] >= theirs[address] : ours[address] > theirs[address]));
      expect(larger.map((address) => `${address}: ${ours[address]} B, ExcelJS ${theirs[address]} B`)).toEqual([]);
    }, 60_000);
  });
});

/**
 * In a process of its own, whose heap holds little else, `file` read by the adapter or by ExcelJS
 * alone and held while a heap snapshot is taken: what `measure` (the body of a function of the
 * snapshot's `nodes`, `edges`, `strings` and `meta`) finds in it.
 */
async function inSnapshot<T>(file: string, reader: "adapter" | "exceljs", measure: string): Promise<T> {
  const script = `
    const v8 = require("v8");
    (async () => {
      let held;
      if (process.argv[2] === "adapter") held = await require("./src/workbook/xlsx.ts").XlsxWorkbook.open(process.argv[1]);
      else {
        const Workbook = require("exceljs/lib/doc/workbook");
        held = new Workbook();
        await held.xlsx.readFile(process.argv[1]);
      }
      const chunks = [];
      for await (const chunk of v8.getHeapSnapshot()) chunks.push(chunk);
      const { snapshot, nodes, edges, strings } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const found = ((meta, nodes, edges, strings) => {${measure}})(snapshot.meta, nodes, edges, strings);
      process.stdout.write(JSON.stringify({ found, held: !!held }));
    })();`;
  const { stdout } = await promisify(execFile)(process.execPath, ["--require", path.join(ROOT, "bin", "load-typescript.js"), "-e", script, file, reader], { cwd: ROOT, maxBuffer: 256 * 1024 * 1024 });
  return (JSON.parse(stdout) as { found: T }).found;
}

/**
 * By address of a cell of rows 101 on in columns A to K (below the rows whose addresses ExcelJS's
 * colCache keeps for every workbook), how many strings hold it, and the bytes of the value model
 * naming it (the object and the array V8 keeps fields added to it in).
 */
async function heapOf(file: string, reader: "adapter" | "exceljs"): Promise<{ strings: Record<string, number>; models: Record<string, number> }> {
  return inSnapshot(
    file,
    reader,
    `
      const nodeFields = meta.node_fields.length;
      const edgeFields = meta.edge_fields.length;
      const nodeTypes = meta.node_types[0];
      const edgeTypes = meta.edge_types[0];
      const cell = (name) => {
        const m = /^[A-K](\\d+)$/.exec(name);
        return m !== null && Number(m[1]) > 100;
      };
      const counts = {};
      const models = {};
      for (let i = 0, e = 0; i < nodes.length; i += nodeFields) {
        const type = nodeTypes[nodes[i]];
        const name = strings[nodes[i + 1]];
        if (/string/.test(type) && cell(name)) counts[name] = (counts[name] || 0) + 1;
        let address;
        let properties = 0;
        for (let k = 0; k < nodes[i + 4]; k++, e += edgeFields) {
          const edgeType = edgeTypes[edges[e]];
          if (edgeType === "element" || edgeType === "hidden") continue;
          const to = edges[e + 2];
          if (strings[edges[e + 1]] === "address" && /string/.test(nodeTypes[nodes[to]])) address = strings[nodes[to + 1]];
          if (strings[edges[e + 1]] === "properties") properties = nodes[to + 3];
        }
        if (type === "object" && name === "Object" && address !== undefined && cell(address)) models[address] = nodes[i + 3] + properties;
      }
      return { strings: counts, models };`,
  );
}
