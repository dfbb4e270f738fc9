// A column of formulas written with a row template (every cell `parts.join(row)`, one `parts`
// array per column) is stored exactly as the same texts written without one: the same shared
// formulas, the same runs, the same breaks. The template only lets the adapter recognise a
// filled-down run without building each cell's text.
import fc from "fast-check";
import JSZip from "jszip";
import type { CellBlock, CellSource, CellWrite, FormulaWrite, WorkbookChange } from "../../src/workbook/port";
import { XlsxWorkbook, fillDown } from "../../src/workbook/xlsx";

/** A templated cell that counts how often its text is built, as the finance summary's cells build theirs on each read. */
class Templated implements FormulaWrite {
  reads = 0;
  constructor(
    readonly parts: readonly string[],
    readonly row: string,
    readonly cachedValue: number,
  ) {}
  get formula(): string {
    this.reads++;
    return this.parts.join(this.row);
  }
  get rowTemplate(): { readonly parts: readonly string[]; readonly row: string } {
    return this;
  }
}

const plain = (cell: CellWrite): CellWrite => (cell !== null && typeof cell === "object" ? { formula: cell.formula, cachedValue: cell.cachedValue } : cell);

async function sheets(cells: CellBlock): Promise<Map<string, string>> {
  const workbook = XlsxWorkbook.create();
  const changes: WorkbookChange[] = [
    { kind: "ensureSheet", sheet: "Filled" },
    { kind: "writeRange", sheet: "Filled", address: "C1", cells },
  ];
  await workbook.apply(changes);
  const zip = await JSZip.loadAsync(await workbook.toBuffer());
  const out = new Map<string, string>();
  for (const name of Object.keys(zip.files).filter((n) => n.startsWith("xl/worksheets/")).sort()) out.set(name, await zip.file(name)!.async("string"));
  return out;
}

/** One column, `rows` top to bottom; a number n is Templated(parts, String(n)), anything else is written as is. */
function column(parts: readonly string[], rows: readonly (number | CellWrite)[]): CellWrite[][] {
  return rows.map((r, i) => [typeof r === "number" ? new Templated(parts, String(r), i) : r]);
}

async function expectSameAsPlain(cells: CellWrite[][]): Promise<Map<string, string>> {
  const templated = await sheets(cells);
  const untemplated = await sheets(cells.map((row) => row.map(plain)));
  expect([...templated.keys()]).toEqual([...untemplated.keys()]);
  for (const [name, xml] of templated) expect(xml).toBe(untemplated.get(name));
  return templated;
}

/** Shared formulas' masters: each run of two or more cells is one. */
const runs = (xml: string) => xml.split('t="shared" ref="').length - 1;
const sheetXml = (parts: Map<string, string>) => [...parts.values()].find((xml) => xml.includes("<f"))!;
const rows = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("xlsx adapter: formulas written down a column with a row template", () => {
  it("stores a filled-down template as one shared formula, as the same texts written plainly", async () => {
    const xml = sheetXml(await expectSameAsPlain(column(["=A", "*2+$A$10+$A", "-B", ""], rows(5, 40))));
    expect(runs(xml)).toBe(1);
  });

  it("recognises the run from its first cell's text alone, building no other cell's", async () => {
    const cells = column(["=A", "*2+$A$10+$A", "-B", ""], rows(5, 40));
    await sheets(cells);
    const reads = cells.map(([cell]) => (cell as Templated).reads);
    expect(reads[0]).toBeGreaterThan(0);
    expect(reads.slice(1)).toEqual(reads.slice(1).map(() => 0));
  });

  // "B1" joined with the row reads as the reference B12, B13, ...: filling down moves it by one
  // as the template does until row 10, where the template's B110 is no longer fillDown's B20.
  it("breaks a run where filling down and the template part ways, as the plain texts do", async () => {
    const xml = sheetXml(await expectSameAsPlain(column(["=B", "+B1", ""], rows(1, 14))));
    expect(runs(xml)).toBeGreaterThan(1);
  });

  it("treats a row joined inside quotes or after a fixed $ as text, as the plain texts do", async () => {
    for (const parts of [["=A", '&"', '"'], ["=A$", "+1"], ["=A1", ""]]) await expectSameAsPlain(column(parts, rows(8, 20)));
  });

  it("breaks a run at a skipped row, a gap, a value and another template, and continues over a plain copy of the next text", async () => {
    const parts = ["=A", "+1"];
    const same = ["=A", "+1"];
    const xml = sheetXml(
      await expectSameAsPlain(
        column(parts, [2, 3, 4, 6, 7, 8, null, 10, 11, 12, 7, 14, 15, 16, new Templated(same, "17", 0), 18, 19, { formula: "=A20+1" }, 21, 22]),
      ),
    );
    expect(runs(xml)).toBeGreaterThan(3);
  });

  it("fills a template across the digits' lengths and from a row number with leading zeros as the plain texts do", async () => {
    await expectSameAsPlain(column(["=A", "+B", ""], rows(95, 105)));
    await expectSameAsPlain(column(["=A", "+B", ""], rows(9_999_995, 10_000_003)));
    await expectSameAsPlain([[new Templated(["=A", ""], "07", 0)], [new Templated(["=A", ""], "8", 0)], [new Templated(["=A", ""], "9", 0)]]);
    await expectSameAsPlain([[new Templated(["=A", ""], "7", 0)], [new Templated(["=A", ""], "08", 0)], [new Templated(["=A", ""], "9", 0)]]);
  });

  // fillDown reads a formula in one pass, quoted literals matched where they start. The reading
  // it must give is that of the text split at its literals, each piece between them read on its
  // own (an unterminated quote splitting nothing): a literal's text never moves, and a reference
  // next to a literal is read as at the start or end of a piece.
  it("reads references next to, between and inside quoted literals as the text split at its literals is read", () => {
    const piecewise = (formula: string) => (offset: number) =>
      formula
        .split(/("(?:[^"]|"")*")/)
        .map((piece) =>
          piece.startsWith('"')
            ? piece
            : piece.replace(/(?<![A-Za-z0-9_.])(\$?)([A-Z]{1,3})(\$?)(\d{1,7})(?![A-Za-z0-9_(])/g, (all, d1: string, col: string, d2: string, row: string) =>
                d2 === "$" ? all : `${d1}${col}${Number(row) + offset}`,
              ),
        )
        .join("");
    const tokens = ["=", "A", "B", "AB", "XFD", "$", "1", "12", "9999999", '"', '""', "&", "+", "(", ")", "x", ".", "_", ",", " ", "SUM(", "'", "!", ":"];
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648);
    const formulas = ['="A1"&A1', 'A1&"A1"', '=A1"', '"A1', '"x""A1"&B2&"', '=A1&"x', '"a"B3"c"', "=$A$1+A$2+$A3", '=""A1', '=A1""'];
    for (let i = 0; i < 3000; i++) formulas.push(Array.from({ length: 1 + (next() % 12) }, () => tokens[next() % tokens.length]).join(""));
    for (const formula of formulas) {
      for (const offset of [0, 1, 37]) expect([formula, fillDown(formula)(offset)]).toEqual([formula, piecewise(formula)(offset)]);
    }
  });

  // The finance summary's vendor block is given as a source that works each cell out when asked
  // (CellSource): the sheet is the one its rows give, and the write asks for each cell once
  // (the limits check once more), so nothing of the block is held or built twice over.
  it("writes a block given as a source as the same rows, asking for each cell once to write it", async () => {
    const bases = ["=A", "=SUM(C", "=$D$2+E"];
    const drawn = fc.oneof(
      { weight: 4, arbitrary: fc.record({ base: fc.integer({ min: 0, max: bases.length - 1 }), gap: fc.constantFrom(0, 0, 0, 1) }) },
      { weight: 1, arbitrary: fc.record({ alone: fc.integer({ min: 1, max: 9 }) }) },
      { weight: 2, arbitrary: fc.constantFrom<string | number | boolean | null>(null, "text", 4, true, "") },
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), fc.array(fc.array(drawn, { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 25 }), async (width, grid) => {
        const parts = bases.map((b) => [b, '*2,"x")']);
        const build = (r: number, c: number): CellWrite => {
          const d = grid[r][c];
          if (d === null || typeof d !== "object") return d;
          if ("alone" in d) return { formula: `=IF(Z${r + 1}=${d.alone},1,2)`, cachedValue: d.alone, alone: true };
          return new Templated(parts[d.base], String(r + 1 + d.gap), r);
        };
        const rows: CellWrite[][] = grid.map((row, r) => row.slice(0, width).map((_, c) => build(r, c)));
        const asked = new Map<string, number>();
        const source: CellSource = {
          rows: grid.length,
          columns: width,
          cell: (r, c) => {
            asked.set(`${r},${c}`, (asked.get(`${r},${c}`) ?? 0) + 1);
            return build(r, c);
          },
        };
        const [fromRows, fromSource] = [await sheets(rows), await sheets(source)];
        expect([...fromSource]).toEqual([...fromRows]);
        // Once by the limits check, once by the write.
        expect(asked.size).toBe(grid.length * width);
        expect(Math.max(...asked.values())).toBe(2);
      }),
      { numRuns: 60 },
    );
  });

  // A formula marked alone (FormulaWrite.alone) is written as it is, without its text being read
  // for a run; where the mark is true (no formula above fills down to it, it fills down to none
  // below), the sheet is the one written without marks.
  it("writes formulas marked alone as the same formulas unmarked, in any column", async () => {
    const bases = ["=A", '=IF(B', "=SUM(C", "=$D$2+E"];
    const cell = fc.oneof(
      { weight: 6, arbitrary: fc.record({ base: fc.integer({ min: 0, max: bases.length - 1 }), constant: fc.integer({ min: 1, max: 3 }) }) },
      { weight: 1, arbitrary: fc.constantFrom<CellWrite>(null, "text", 4) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(cell, { minLength: 1, maxLength: 30 }), async (drawn) => {
        // A formula's row is its own: neighbours sharing a base and a constant are a filled-down run.
        const texts = drawn.map((d, r) => (d !== null && typeof d === "object" && "base" in d ? `${bases[d.base]}${r + 1}=${d.constant},"x")` : null));
        const isAlone = (r: number) =>
          texts.every((other, k) => other === null || k === r || (k < r ? fillDown(other)(r - k) !== texts[r] : fillDown(texts[r]!)(k - r) !== other));
        const unmarked: CellWrite[][] = drawn.map((d, r) => [texts[r] !== null ? { formula: texts[r]!, cachedValue: r } : (d as CellWrite)]);
        const marked: CellWrite[][] = unmarked.map(([c], r) => [c !== null && typeof c === "object" && isAlone(r) ? { ...c, alone: true } : c]);
        const [plainSheets, markedSheets] = [await sheets(unmarked), await sheets(marked)];
        expect([...markedSheets]).toEqual([...plainSheets]);
      }),
      { numRuns: 60 },
    );
  });
});
