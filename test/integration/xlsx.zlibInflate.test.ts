// Reading a workbook inflates its parts with Node's zlib instead of JSZip's pako (zipInflate.ts):
// ExcelJS must load the same model from every package it loaded before, a part whose compressed
// bytes are damaged must end the command with one line naming damage, and JSZip must work as
// before for its other users once the read is over.
import { constants } from "buffer";
import { readFileSync, mkdtempSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { runCli } from "../helpers/cli";
import { WorkbookOpenError, XlsxWorkbook } from "../../src/workbook/xlsx";
import { LARGEST_PART, withZlibInflate } from "../../src/workbook/zipInflate";

// The module objects themselves (not an import's interop copy), so that a spy replaces what the code calls.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const zlib = require("zlib") as typeof import("zlib");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const flate = require("jszip/lib/flate") as { uncompressWorker: () => unknown };
// The inflate JSZip 3.10 runs for a deflated part (lib/flate.js: a pako.Inflate, pushed each chunk).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pako = require("pako") as { Inflate: { prototype: { push(data: Uint8Array, mode: boolean): boolean } } };

const SAMPLE = readFileSync(path.resolve(__dirname, "..", "..", "assets", "sample-vendors.xlsx"));
const SHEET = "xl/worksheets/sheet1.xml";
const work = mkdtempSync(path.join(os.tmpdir(), "offshore-inflate-"));

afterEach(() => jest.restoreAllMocks());

/** A 1x1 PNG, so the package holds a media part (read by ExcelJS as a Buffer, not as text). */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

/** A workbook with what ExcelJS reads from many parts: styles, notes, formulas, a table, a merge, names, an image. */
async function richWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("Quotes");
  sheet.addTable({
    name: "Quotes",
    ref: "A1",
    columns: [{ name: "Vendor" }, { name: "Hourly rate" }, { name: "Hours" }, { name: "Cost" }],
    rows: Array.from({ length: 400 }, (_, i) => [`Vendor ${i} é€`, 20 + (i % 37), 100 + i, { formula: `B${i + 2}*C${i + 2}`, result: (20 + (i % 37)) * (100 + i) }]),
  });
  sheet.getCell("B2").note = "Quoted in US dollars, 2026.";
  sheet.getCell("C3").note = { texts: [{ text: "Hours ", font: { bold: true } }, { text: "per year" }] };
  sheet.getCell("D2").numFmt = "#,##0.00";
  sheet.getCell("A2").font = { bold: true, color: { argb: "FF1F4E79" } };
  sheet.getCell("A3").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
  sheet.getCell("A4").border = { top: { style: "thin" }, bottom: { style: "double" } };
  const other = wb.addWorksheet("Notes");
  other.mergeCells("A1:C2");
  other.getCell("A1").value = "Merged title";
  other.getCell("A4").value = { formula: "SUM(Quotes!D2:D401)", result: 1 };
  other.getCell("A5").value = { text: "Source", hyperlink: "https://example.com/rates" };
  wb.definedNames.add("Notes!$A$4", "Total");
  other.addImage(wb.addImage({ buffer: PNG as unknown as ExcelJS.Buffer, extension: "png" }), "E2:F4");
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** `pkg` repacked by JSZip: some parts stored (not deflated), a data descriptor after each part, and an empty part. */
async function repacked(pkg: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(pkg);
  for (const name of ["xl/styles.xml", "docProps/app.xml"]) zip.file(name, await zip.file(name)!.async("nodebuffer"), { compression: "STORE" });
  zip.file("customXml/item1.xml", "");
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", streamFiles: true });
}

/**
 * `pkg` with the part `name` holding `compressed` as its deflated bytes and `content` as what
 * they stand for: JSZip writes them stored, then the part is marked deflated (method 8) with
 * the CRC and size of `content` in its local header and its central directory header (APPNOTE
 * 4.3.7: method at 8, CRC at 14, size at 22; 4.3.12: each 2 bytes further on).
 */
async function withDeflatedPart(pkg: Buffer, name: string, content: Buffer, compressed: Buffer, size = content.length): Promise<Buffer> {
  const zip = await JSZip.loadAsync(pkg);
  zip.file(name, compressed, { compression: "STORE" });
  const out = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  const nameBytes = Buffer.from(name, "utf8");
  const local = out.indexOf(nameBytes) - 30;
  const central = out.lastIndexOf(nameBytes) - 46;
  expect(out.readUInt32LE(local)).toBe(0x04034b50);
  expect(out.readUInt32LE(central)).toBe(0x02014b50);
  for (const method of [local + 8, central + 10]) {
    out.writeUInt16LE(8, method);
    out.writeUInt32LE(zlib.crc32(content), method + 6);
    out.writeUInt32LE(size, method + 14);
  }
  return out;
}

async function loaded(pkg: Buffer, inflate: "zlib" | "jszip"): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const load = () => wb.xlsx.load(pkg as unknown as ArrayBuffer);
  await (inflate === "zlib" ? withZlibInflate(load) : load());
  return wb;
}

describe("reading a workbook", () => {
  it("inflates its parts with Node's zlib, not with JSZip's pako", async () => {
    const pakoPush = jest.spyOn(pako.Inflate.prototype, "push");
    const inflate = jest.spyOn(zlib, "inflateRawSync");
    const wb = await XlsxWorkbook.fromBuffer(SAMPLE, "sample-vendors.xlsx");
    expect((await wb.listTables()).length).toBeGreaterThan(0);
    expect(pakoPush).not.toHaveBeenCalled();
    const deflated = Object.values((await JSZip.loadAsync(SAMPLE)).files).filter((entry) => !entry.dir);
    expect(inflate).toHaveBeenCalledTimes(deflated.length);
  });

  it("gives ExcelJS the model its own read gives, for the sample, a rich workbook and a repacked one", async () => {
    const rich = await richWorkbook();
    for (const pkg of [SAMPLE, rich, await repacked(rich), await repacked(SAMPLE)]) {
      const [zlibRead, jszipRead] = [await loaded(pkg, "zlib"), await loaded(pkg, "jszip")];
      expect(zlibRead.model).toEqual(jszipRead.model);
    }
    // The rich workbook's parts did reach ExcelJS: its notes, formulas and image.
    const wb = await loaded(await repacked(rich), "zlib");
    expect(wb.getWorksheet("Quotes")!.getCell("B2").note).toBe("Quoted in US dollars, 2026.");
    expect(wb.getWorksheet("Quotes")!.getCell("D401").formula).toBe("B401*C401");
    expect((wb.model as unknown as { media: { buffer: Buffer }[] }).media[0].buffer).toEqual(PNG);
  });

  it("reads a deflated part of no bytes, and one of an empty final block, as empty", async () => {
    for (const compressed of [Buffer.alloc(0), zlib.deflateRawSync(Buffer.alloc(0))]) {
      const pkg = await withDeflatedPart(SAMPLE, "customXml/item1.xml", Buffer.alloc(0), compressed);
      const wb = await XlsxWorkbook.fromBuffer(pkg, "empty-part.xlsx");
      expect((await wb.listTables()).length).toBeGreaterThan(0);
    }
  });

  describe("a part whose compressed bytes are damaged", () => {
    let sheet: Buffer;
    let deflated: Buffer;
    beforeAll(async () => {
      sheet = await (await JSZip.loadAsync(SAMPLE)).file(SHEET)!.async("nodebuffer");
      deflated = zlib.deflateRawSync(sheet);
    });
    /** The first block's type made 11, which RFC 1951 (section 3.2.3) reserves as an error. */
    const corrupt = () => {
      const bytes = Buffer.from(deflated);
      bytes[0] |= 0b110;
      return bytes;
    };
    const damages: Record<string, () => { compressed: Buffer; size?: number }> = {
      "corrupt.xlsx": () => ({ compressed: corrupt() }),
      "truncated.xlsx": () => ({ compressed: deflated.subarray(0, deflated.length >> 1) }),
      "wrong-size.xlsx": () => ({ compressed: deflated, size: sheet.length + 1 }),
    };

    it("is read when it is not damaged (the damaged packages below differ from it in those bytes alone)", async () => {
      const wb = await XlsxWorkbook.fromBuffer(await withDeflatedPart(SAMPLE, SHEET, sheet, deflated), "whole.xlsx");
      expect((await wb.listTables()).length).toBeGreaterThan(0);
    });

    it.each(Object.keys(damages))("%s: is refused as damaged, in one line, by the reader and by the command", async (name) => {
      const { compressed, size } = damages[name]();
      if (name !== "wrong-size.xlsx") expect(() => zlib.inflateRawSync(compressed)).toThrow();
      const pkg = await withDeflatedPart(SAMPLE, SHEET, sheet, compressed, size);
      const refusal = await XlsxWorkbook.fromBuffer(pkg, name).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refusal).toBeInstanceOf(WorkbookOpenError);
      expect((refusal as Error).message).toBe(
        `${name} is not a readable .xlsx workbook: a part of it is damaged or not as Excel writes it; open it in Excel (which offers to repair it) and save it again.`,
      );
      const file = path.join(work, name);
      writeFileSync(file, pkg);
      const result = await runCli(new Date("2026-03-02T15:30:00Z"), [file, "--out", path.join(work, `out-${name}`)]);
      expect(result.code).not.toBe(0);
      expect(result.out).toEqual([]);
      expect(result.err).toEqual([`Error: ${(refusal as Error).message.replace(name, file)}`]);
    });
  });
});

describe("a part larger than a part can be read", () => {
  // ExcelJS reads a part as one string, and V8 makes none longer than this.
  it("is the longest string Node makes", () => {
    expect(LARGEST_PART).toBe(constants.MAX_STRING_LENGTH);
    expect(() => "x".repeat(LARGEST_PART + 1)).toThrow(/Invalid string length/);
  });

  it("is refused from the size the package gives, before any part is inflated, in one line, by the reader and by the command", async () => {
    const sheet = await (await JSZip.loadAsync(SAMPLE)).file(SHEET)!.async("nodebuffer");
    const pkg = await withDeflatedPart(SAMPLE, SHEET, sheet, zlib.deflateRawSync(sheet), 0xf0000000);
    const inflate = jest.spyOn(zlib, "inflateRawSync");
    const refusal = await XlsxWorkbook.fromBuffer(pkg, "huge.xlsx").then(
      () => null,
      (error: unknown) => error,
    );
    expect(inflate).not.toHaveBeenCalled();
    expect(refusal).toBeInstanceOf(WorkbookOpenError);
    const message = `huge.xlsx holds a part too large to read: ${SHEET} is 4,027 MB once uncompressed, and the command reads parts of up to 537 MB; split the vendor table over smaller workbooks.`;
    expect((refusal as Error).message).toBe(message);
    const file = path.join(work, "huge.xlsx");
    writeFileSync(file, pkg);
    const result = await runCli(new Date("2026-03-02T15:30:00Z"), [file, "--out", path.join(work, "out-huge.xlsx")]);
    expect(result.code).not.toBe(0);
    expect(result.err).toEqual([`Error: ${message.replace("huge.xlsx", file)}`]);
    // Under 4 GiB and over 2 GiB, or under 2 GiB: the package's 4-byte size read either way.
    const under = await withDeflatedPart(SAMPLE, SHEET, sheet, zlib.deflateRawSync(sheet), 0x30000000);
    await expect(XlsxWorkbook.fromBuffer(under, "large.xlsx")).rejects.toThrow(`large.xlsx holds a part too large to read: ${SHEET} is 805 MB once uncompressed`);
    const readable = await withDeflatedPart(SAMPLE, SHEET, sheet, zlib.deflateRawSync(sheet));
    expect((await (await XlsxWorkbook.fromBuffer(readable, "readable.xlsx")).listTables()).length).toBeGreaterThan(0);
  });

  // A package may understate a part: zlib stops at the largest readable size instead of filling memory.
  it("stops a part's inflate at that size whatever the package says of it", async () => {
    const inflate = jest.spyOn(zlib, "inflateRawSync");
    await XlsxWorkbook.fromBuffer(SAMPLE, "sample.xlsx");
    expect(inflate.mock.calls.length).toBeGreaterThan(0);
    for (const [, options] of inflate.mock.calls) expect(options).toEqual({ maxOutputLength: LARGEST_PART });
    const bomb = zlib.deflateRawSync(Buffer.alloc(1000));
    expect(() => zlib.inflateRawSync(bomb, { maxOutputLength: 999 })).toThrow(/larger than 999 bytes/);
  });
});

describe("JSZip's other users", () => {
  it("get JSZip's own inflate back once every read is over, reads at once included", async () => {
    const own = flate.uncompressWorker;
    await Promise.all([XlsxWorkbook.fromBuffer(SAMPLE), XlsxWorkbook.fromBuffer(await richWorkbook())]);
    await XlsxWorkbook.fromBuffer(Buffer.from("PK\u0003\u0004 not a package")).catch(() => undefined);
    expect(flate.uncompressWorker).toBe(own);
    const pakoPush = jest.spyOn(pako.Inflate.prototype, "push");
    const zip = await JSZip.loadAsync(SAMPLE);
    const text = await zip.file(SHEET)!.async("string");
    expect(pakoPush).toHaveBeenCalled();
    expect(text).toMatch(/^<\?xml[^]*<\/worksheet>$/);
    expect(text).toBe((await zip.file(SHEET)!.async("nodebuffer")).toString("utf8"));
  });
});
