// A worksheet's pieces are deflated on libuv's thread pool (zlib's asynchronous API) while the
// next rows are rendered (zipPackage.ts, ZipPackage.stream with inBackground). The package must
// hold the same bytes whatever order the pieces finish in, and a failed deflate must end the
// write with one line and no file.
import { existsSync, mkdtempSync } from "fs";
import os from "os";
import path from "path";
import JSZip from "jszip";
import type { CellWrite } from "../../src/workbook/port";
import { XlsxWorkbook } from "../../src/workbook/xlsx";
import { ZipPackage } from "../../src/workbook/zipPackage";

// The module object itself (not an import's interop copy), so that a spy replaces what zipPackage.ts calls.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const zlib = require("zlib") as typeof import("zlib");
const realDeflateRaw = zlib.deflateRaw;

type Callback = (error: Error | null, result: Buffer) => void;

afterEach(() => jest.restoreAllMocks());

/** Rows of a few mebibytes of text with one- to three-byte characters, so a part spans several pieces. */
function rows(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `<row r="${i + 1}"><c><v>${"é€x".repeat(i % 17)}${i}</v></c></row>`);
}

/** Each part's name, CRC, sizes and deflated bytes, from its local header (APPNOTE 4.3.7): all but the time stamp. */
function entries(buffer: Buffer): { name: string; crc: number; size: number; data: string }[] {
  const found: { name: string; crc: number; size: number; data: string }[] = [];
  for (let at = 0; buffer.readUInt32LE(at) === 0x04034b50; ) {
    const compressed = buffer.readUInt32LE(at + 18);
    const nameLength = buffer.readUInt16LE(at + 26);
    const start = at + 30 + nameLength + buffer.readUInt16LE(at + 28);
    found.push({
      name: buffer.subarray(at + 30, at + 30 + nameLength).toString("utf8"),
      crc: buffer.readUInt32LE(at + 14),
      size: buffer.readUInt32LE(at + 22),
      data: buffer.subarray(start, start + compressed).toString("base64"),
    });
    at = start + compressed;
  }
  return found;
}

function written(inBackground: boolean, texts: readonly string[]): ZipPackage {
  const zip = new ZipPackage();
  zip.file("[Content_Types].xml", "<Types/>");
  const part = zip.stream("xl/worksheets/sheet1.xml", { inBackground });
  for (const text of texts) part.write(text);
  part.end();
  zip.file("xl/after.xml", "<after/>");
  return zip;
}

/** A bench-like sheet of numbers and formulas, large enough that its XML spans several pieces. */
async function largeWorkbook(): Promise<XlsxWorkbook> {
  const workbook = XlsxWorkbook.create();
  const cells: CellWrite[][] = Array.from({ length: 12_000 }, (_, r) => [`Vendor ${r}`, r * 1.5, r % 7, { formula: `=B${r + 1}*C${r + 1}` }, `Note ${"é".repeat(r % 9)}`]);
  await workbook.apply([
    { kind: "ensureSheet", sheet: "Big" },
    { kind: "writeRange", sheet: "Big", address: "A1", cells },
  ]);
  return workbook;
}

describe("a part deflated in the background", () => {
  it("holds the same bytes as one deflated on the main thread, its pieces in the order written though they finish in reverse", async () => {
    const texts = rows(80_000);
    const held: (() => void)[] = [];
    const spy = jest.spyOn(zlib, "deflateRaw").mockImplementation(((raw: Buffer, options: object, callback: Callback) => {
      held.push(() => realDeflateRaw(raw, options, callback));
    }) as unknown as typeof zlib.deflateRaw);
    const background = written(true, texts);
    expect(spy.mock.calls.length).toBeGreaterThan(2);
    // Not complete until every piece is in.
    expect(() => background.toBuffer()).toThrow(/still being compressed/);
    const settled = background.settled();
    for (const start of held.reverse()) start();
    await settled;
    const sync = written(false, texts);
    const buffer = background.toBuffer();
    expect(entries(buffer)).toEqual(entries(sync.toBuffer()));
    const read = await JSZip.loadAsync(buffer, { checkCRC32: true });
    expect(await read.file("xl/worksheets/sheet1.xml")!.async("string")).toBe(texts.join(""));
    expect(Object.keys(read.files)).toEqual(["[Content_Types].xml", "xl/worksheets/sheet1.xml", "xl/after.xml"]);
    // The tail the charts edit is still the last piece, after its own sync flush.
    const end = background.end("xl/worksheets/sheet1.xml")!;
    expect(end.tail.endsWith(texts[texts.length - 1])).toBe(true);
    expect(end.tail.length).toBeLessThan(texts.join("").length / 2);
  });

  it("is written to the file piece by piece: no buffer of the part or of the package is made, and its end can still be edited", async () => {
    const texts = rows(80_000);
    for (const inBackground of [false, true]) {
      const zip = written(inBackground, texts);
      await zip.settled();
      const concat = jest.spyOn(Buffer, "concat");
      const chunks = zip.chunks();
      // Only the central directory's headers are joined.
      const joined = concat.mock.calls.map(([list]) => list.reduce((sum, b) => sum + b.length, 0));
      concat.mockRestore();
      const whole = Buffer.concat(chunks);
      const sheet = entries(whole).find((e) => e.name === "xl/worksheets/sheet1.xml")!;
      const deflated = Buffer.from(sheet.data, "base64").length;
      expect(Math.max(0, ...joined)).toBeLessThan(200);
      // Several pieces, each its own buffer, the largest well under the part.
      expect(chunks.length).toBeGreaterThan(3 + 3 + 4);
      expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(deflated / 2);
      expect(zip.toBuffer().equals(whole)).toBe(true);
      const read = await JSZip.loadAsync(whole, { checkCRC32: true });
      expect(await read.file("xl/worksheets/sheet1.xml")!.async("string")).toBe(texts.join(""));
      // The charts' edit replaces the last piece only; the CRC and sizes follow.
      zip.end("xl/worksheets/sheet1.xml")!.replaceTail("<tail/>");
      const edited = await JSZip.loadAsync(Buffer.concat(zip.chunks()), { checkCRC32: true });
      const text = await edited.file("xl/worksheets/sheet1.xml")!.async("string");
      expect(text.endsWith("<tail/>")).toBe(true);
      expect(texts.join("").startsWith(text.slice(0, -"<tail/>".length))).toBe(true);
    }
  });

  it("is how the workbook's sheets are deflated, the rows waiting while two pieces are", async () => {
    let running = 0;
    let most = 0;
    const spy = jest.spyOn(zlib, "deflateRaw").mockImplementation(((raw: Buffer, options: object, callback: Callback) => {
      most = Math.max(most, ++running);
      realDeflateRaw(raw, options, (error, data) => {
        running--;
        callback(error, data);
      });
    }) as unknown as typeof zlib.deflateRaw);
    const background = await (await largeWorkbook()).toBuffer();
    expect(spy.mock.calls.length).toBeGreaterThan(2);
    // Never more pieces held than the thread pool is deflating (the rows wait for one to finish).
    expect(most).toBe(2);
    spy.mockRestore();
    const read = await JSZip.loadAsync(background, { checkCRC32: true });
    const sheet = await read.file("xl/worksheets/sheet1.xml")!.async("string");
    expect(sheet.startsWith("<?xml")).toBe(true);
    expect(sheet).toContain('<row r="12000"');
    expect(sheet.endsWith("</worksheet>")).toBe(true);
  });

  it("that fails ends the write with one line naming the part, and writes no file", async () => {
    const workbook = await largeWorkbook();
    let calls = 0;
    jest.spyOn(zlib, "deflateRaw").mockImplementation(((raw: Buffer, options: object, callback: Callback) => {
      // The second piece fails, as zlib reports a failure: through the callback.
      if (++calls === 2) setImmediate(() => callback(new Error("zlib: out of memory"), Buffer.alloc(0)));
      else realDeflateRaw(raw, options, callback);
    }) as unknown as typeof zlib.deflateRaw);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), "offshore-deflate-")), "out.xlsx");
      await expect(workbook.save(file)).rejects.toThrow(/^Could not compress the part xl\/worksheets\/sheet1\.xml of the workbook: zlib: out of memory$/);
      expect(calls).toBeGreaterThan(2);
      expect(existsSync(file)).toBe(false);
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});
