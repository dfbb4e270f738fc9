// Native charts in an .xlsx file, for the xlsx adapter. ExcelJS writes no chart (and drops
// the charts of a file it reads), so after ExcelJS has written the package the charts are
// added as DrawingML parts to the package as it is written (zipPackage.ts):
//   xl/charts/chartN.xml        the chart: c:barChart (stacked), c:scatterChart or c:lineChart over cell ranges
//   xl/drawings/drawingN.xml    where it sits: one xdr:twoCellAnchor per chart
//   their _rels, the sheet's <drawing r:id> and rels, and [Content_Types].xml overrides.
// Charts hold formulas only, no cached numbers: Excel and LibreOffice read the cells when
// they open the file, so the charts show what the cells compute there.
// A sheet that already has a drawing (pictures ExcelJS kept) gets the charts appended to it.

import { XMLParser } from "fast-xml-parser";
import { columnLetters, parseCell, parseRange, quoteSheet } from "./address";
import * as z from "zod/mini";
import { EXCEL_LIMITS } from "./limits";
import type { ChartAnchor, ChartSpec } from "./port";
import type { ZipPackage } from "./zipPackage";

/** A chart as the xlsx adapter keeps it (in its settings) until the file is written. */
export interface StoredChart {
  readonly sheet: string;
  readonly name: string;
  readonly chart: ChartSpec;
  readonly anchor: ChartAnchor;
}

// A chart read back from the workbook's settings goes into XML parts: every field is checked
// against what setChart stores (the finance charts: a few columns wide, at most 60 rows tall),
// so a hand-edited setting can neither inject markup nor ask for an absurd drawing.
const cell = z.string().check(z.regex(/^[A-Z]{1,3}[1-9]\d{0,6}$/));
const range = z.string().check(z.regex(/^[A-Z]{1,3}[1-9]\d{0,6}(:[A-Z]{1,3}[1-9]\d{0,6})?$/));
const label = z.string().check(z.maxLength(EXCEL_LIMITS.formulaText));
const span = z.int().check(z.minimum(1), z.maximum(200));
/** Series a stored chart may have: a line per vendor for up to the finance charts' vendor limit (50). */
export const MAX_CHART_SERIES = 64;
export const STORED_CHARTS_SCHEMA = z.array(
  z.object({
    sheet: z.string().check(z.minLength(1), z.maxLength(EXCEL_LIMITS.sheetName)),
    name: z.string().check(z.minLength(1), z.maxLength(EXCEL_LIMITS.formulaText)),
    chart: z.object({
      title: label,
      type: z.enum(["barStacked", "xyScatter", "line"]),
      categories: range,
      series: z.array(z.object({ name: label, values: range, noFill: z.optional(z.literal(true)) })).check(z.minLength(1), z.maxLength(MAX_CHART_SERIES)),
      xAxisTitle: z.optional(label),
      yAxisTitle: z.optional(label),
    }),
    anchor: z.object({ cell, columns: span, rows: span }),
  }),
).check(z.maxLength(64));

const NS = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  chart: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  drawingml: "http://schemas.openxmlformats.org/drawingml/2006/main",
  spreadsheetDrawing: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  relChart: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart",
  relDrawing: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing",
  packageRels: "http://schemas.openxmlformats.org/package/2006/relationships",
};
const CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
const DRAWING_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml";

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", removeNSPrefix: true, isArray: (name) => name === "sheet" || name === "Relationship" });

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/** `'Finance summary'!$A$7:$A$18`: the absolute reference a chart series holds. */
export function chartReference(sheet: string, range: string): string {
  const r = parseRange(range);
  const cell = (row: number, column: number) => `$${columnLetters(column)}$${row + 1}`;
  const from = cell(r.top, r.left);
  const to = cell(r.bottom, r.right);
  return `${quoteSheet(sheet)}!${from === to ? from : `${from}:${to}`}`;
}

function richText(text: string): string {
  return `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr/></a:pPr><a:r><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich></c:tx>`;
}

function title(text: string | undefined): string {
  return text ? `<c:title>${richText(text)}<c:overlay val="0"/></c:title>` : "";
}

/** The chart part: DrawingML chart over ranges of `sheet`. */
export function chartXml(sheet: string, spec: ChartSpec): string {
  const ref = (range: string) => `<c:f>${escapeXml(chartReference(sheet, range))}</c:f>`;
  const name = (text: string) => `<c:tx><c:v>${escapeXml(text)}</c:v></c:tx>`;
  // A floating bar's base: no fill and no outline (CT_BarSer puts spPr after tx).
  const fill = (s: ChartSpec["series"][number]) => (s.noFill ? `<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>` : "");
  let plot: string;
  if (spec.type === "line") {
    const series = spec.series
      .map(
        (s, i) =>
          `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>${name(s.name)}<c:marker><c:symbol val="circle"/><c:size val="5"/></c:marker>` +
          `<c:cat><c:strRef>${ref(spec.categories)}</c:strRef></c:cat><c:val><c:numRef>${ref(s.values)}</c:numRef></c:val><c:smooth val="0"/></c:ser>`,
      )
      .join("");
    plot =
      `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/><c:axId val="3001"/><c:axId val="3002"/></c:lineChart>` +
      `<c:catAx><c:axId val="3001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>${title(spec.xAxisTitle)}` +
      `<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
      `<c:crossAx val="3002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
      `<c:valAx><c:axId val="3002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/>${title(spec.yAxisTitle)}` +
      `<c:numFmt formatCode="#,##0" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
      `<c:crossAx val="3001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>`;
  } else if (spec.type === "barStacked") {
    const series = spec.series
      .map(
        (s, i) =>
          `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>${name(s.name)}${fill(s)}<c:invertIfNegative val="0"/>` +
          `<c:cat><c:strRef>${ref(spec.categories)}</c:strRef></c:cat><c:val><c:numRef>${ref(s.values)}</c:numRef></c:val></c:ser>`,
      )
      .join("");
    plot =
      `<c:barChart><c:barDir val="bar"/><c:grouping val="stacked"/><c:varyColors val="0"/>${series}` +
      `<c:gapWidth val="60"/><c:overlap val="100"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>` +
      // Categories top-down as in the cells (maxMin), the value axis crossing at the last one: at the bottom.
      `<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>${title(spec.xAxisTitle)}` +
      `<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>` +
      `<c:crossAx val="1002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
      `<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:majorGridlines/>${title(spec.yAxisTitle)}` +
      `<c:numFmt formatCode="#,##0" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
      `<c:crossAx val="1001"/><c:crosses val="max"/><c:crossBetween val="between"/></c:valAx>`;
  } else {
    const series = spec.series
      .map(
        (s, i) =>
          `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>${name(s.name)}<c:spPr><a:ln w="19050"><a:noFill/></a:ln></c:spPr>` +
          `<c:marker><c:symbol val="circle"/><c:size val="7"/></c:marker>` +
          `<c:xVal><c:numRef>${ref(spec.categories)}</c:numRef></c:xVal><c:yVal><c:numRef>${ref(s.values)}</c:numRef></c:yVal><c:smooth val="0"/></c:ser>`,
      )
      .join("");
    const axis = (id: number, cross: number, position: "b" | "l", text: string | undefined, format: string) =>
      `<c:valAx><c:axId val="${id}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="${position}"/>` +
      `${position === "l" ? "<c:majorGridlines/>" : ""}${title(text)}<c:numFmt formatCode="${escapeXml(format)}" sourceLinked="0"/>` +
      `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="${cross}"/><c:crosses val="autoZero"/><c:crossBetween val="midCat"/></c:valAx>`;
    plot =
      `<c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>${series}<c:axId val="2001"/><c:axId val="2002"/></c:scatterChart>` +
      axis(2001, 2002, "b", spec.xAxisTitle, "#,##0") +
      axis(2002, 2001, "l", spec.yAxisTitle, "General");
  }
  // Series without fill are left out of the legend (CT_Legend: legendEntry after legendPos).
  const hidden = spec.series.map((s, i) => (s.noFill ? `<c:legendEntry><c:idx val="${i}"/><c:delete val="1"/></c:legendEntry>` : "")).join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS.chart}" xmlns:a="${NS.drawingml}" xmlns:r="${NS.rel}">` +
    `<c:roundedCorners val="0"/><c:chart>${title(spec.title)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${plot}</c:plotArea>` +
    `<c:legend><c:legendPos val="${spec.type === "xyScatter" ? "r" : "b"}"/>${hidden}<c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

/** One anchor of a drawing: the chart `relId` over the cells of `anchor`, named `name` (what Excel's chart.name reads). */
export function anchorXml(id: number, name: string, anchor: ChartAnchor, relId: string): string {
  const start = parseCell(anchor.cell);
  const marker = (tag: "from" | "to", row: number, column: number) =>
    `<xdr:${tag}><xdr:col>${column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<xdr:twoCellAnchor xmlns:xdr="${NS.spreadsheetDrawing}" xmlns:a="${NS.drawingml}">` +
    marker("from", start.row, start.column) +
    marker("to", start.row + anchor.rows, start.column + anchor.columns) +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id}" name="${escapeXml(name)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS.chart}"><c:chart xmlns:c="${NS.chart}" xmlns:r="${NS.rel}" r:id="${relId}"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

interface Relationship {
  "@Id": string;
  "@Type": string;
  "@Target": string;
}

function relationships(xml: string | null): Relationship[] {
  if (!xml) return [];
  return (parser.parse(xml).Relationships?.Relationship ?? []) as Relationship[];
}

function relationshipXml(id: string, type: string, target: string): string {
  return `<Relationship Id="${escapeXml(id)}" Type="${type}" Target="${escapeXml(target)}"/>`;
}

/** Adds relationships to a .rels part (created when missing). */
function withRelationships(xml: string | null, added: string[]): string {
  if (!xml) return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.packageRels}">${added.join("")}</Relationships>`;
  const end = xml.lastIndexOf("</Relationships>");
  if (end < 0) return xml.replace(/<Relationships([^>]*)\/>/, `<Relationships$1>${added.join("")}</Relationships>`);
  return xml.slice(0, end) + added.join("") + xml.slice(end);
}

/** An Id not in `taken`, e.g. rIdChart1. */
function freeId(prefix: string, taken: Set<string>): string {
  for (let n = 1; ; n++) if (!taken.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

/** "xl/worksheets/sheet1.xml" + "../drawings/drawing1.xml" -> "xl/drawings/drawing1.xml". */
function resolvePart(from: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = from.split("/").slice(0, -1);
  for (const piece of target.split("/")) {
    if (piece === "..") parts.pop();
    else if (piece !== ".") parts.push(piece);
  }
  return parts.join("/");
}

function relsPathOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`;
}

// Elements the worksheet schema puts after <drawing>: it must come before the first of them.
const AFTER_DRAWING = ["<legacyDrawing ", "<legacyDrawing>", "<legacyDrawingHF", "<drawingHF", "<picture ", "<oleObjects", "<controls", "<webPublishItems", "<tableParts", "<extLst", "</worksheet>"];

/** The parts of a package, read one at a time: a ZipPackage, or JSZip's files. */
export interface PartReader {
  part(name: string): { async(type: "string"): Promise<string> } | null;
}

/** Worksheet part of each sheet name, from the workbook part and its relationships. */
async function sheetParts(zip: PartReader): Promise<Map<string, string>> {
  const workbook = parser.parse(await zip.part("xl/workbook.xml")!.async("string"));
  const rels = relationships((await zip.part("xl/_rels/workbook.xml.rels")?.async("string")) ?? null);
  const byId = new Map(rels.map((r) => [r["@Id"], resolvePart("xl/workbook.xml", r["@Target"])]));
  const parts = new Map<string, string>();
  for (const sheet of (workbook.workbook?.sheets?.sheet ?? []) as Record<string, string>[]) {
    const id = sheet["@id"];
    const part = id ? byId.get(id) : undefined;
    if (part) parts.set(String(sheet["@name"]).toLowerCase(), part);
  }
  return parts;
}

/**
 * How many charts each worksheet of the package draws (its drawing's chart relationships), by
 * the sheet's name in lower case; sheets with none are left out.
 */
export async function chartsBySheet(zip: PartReader): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const read = async (part: string) => (await zip.part(part)?.async("string")) ?? null;
  for (const [sheet, sheetPart] of await sheetParts(zip)) {
    let charts = 0;
    for (const drawing of relationships(await read(relsPathOf(sheetPart))).filter((r) => r["@Type"] === NS.relDrawing))
      charts += relationships(await read(relsPathOf(resolvePart(sheetPart, drawing["@Target"])))).filter((r) => r["@Type"] === NS.relChart).length;
    if (charts > 0) counts.set(sheet, charts);
  }
  return counts;
}

/**
 * Draws `charts` on their sheets in the package `zip` (before it is written out). Charts of a
 * sheet the package does not have are left out. Parts the charts do not touch stay as they are.
 */
export async function addCharts(zip: ZipPackage, charts: readonly StoredChart[]): Promise<void> {
  if (charts.length === 0) return;
  const parts = await sheetParts(zip);
  let contentTypes = await zip.part("[Content_Types].xml")!.async("string");
  const overrides: string[] = [];
  const freePart = (folder: string, stem: string) => {
    for (let n = 1; ; n++) if (!zip.has(`${folder}/${stem}${n}.xml`)) return { path: `${folder}/${stem}${n}.xml`, n };
  };
  const bySheet = new Map<string, StoredChart[]>();
  for (const c of charts) {
    const part = parts.get(c.sheet.toLowerCase());
    if (!part) continue;
    bySheet.set(part, [...(bySheet.get(part) ?? []), c]);
  }
  for (const [sheetPart, sheetCharts] of bySheet) {
    // Only the sheet's end: a 10,000-row summary is some 40 MB of XML, and only its end changes.
    const sheetXml = zip.end(sheetPart)!;
    const tail = Math.max(0, sheetXml.tail.lastIndexOf("</sheetData>"));
    const sheetEnd = sheetXml.tail.slice(tail);
    const sheetRelsPath = relsPathOf(sheetPart);
    const sheetRelsXml = (await zip.part(sheetRelsPath)?.async("string")) ?? null;
    const sheetRels = relationships(sheetRelsXml);
    // A drawing the sheet already has (pictures) takes the charts too: a sheet has one drawing.
    const existingId = /<drawing\s[^>]*r:id="([^"]+)"/.exec(sheetEnd)?.[1];
    const existing = existingId ? sheetRels.find((r) => r["@Id"] === existingId) : undefined;
    let drawingPath: string;
    let drawingXml: string;
    if (existing) {
      drawingPath = resolvePart(sheetPart, existing["@Target"]);
      drawingXml = await zip.part(drawingPath)!.async("string");
    } else {
      drawingPath = freePart("xl/drawings", "drawing").path;
      drawingXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS.spreadsheetDrawing}" xmlns:a="${NS.drawingml}"></xdr:wsDr>`;
      overrides.push(`<Override PartName="/${drawingPath}" ContentType="${DRAWING_TYPE}"/>`);
      const relId = freeId("rIdDrawing", new Set(sheetRels.map((r) => r["@Id"])));
      zip.file(sheetRelsPath, withRelationships(sheetRelsXml, [relationshipXml(relId, NS.relDrawing, `../drawings/${drawingPath.split("/").pop()}`)]));
      const at = Math.min(...AFTER_DRAWING.map((tag) => sheetEnd.indexOf(tag)).filter((i) => i >= 0));
      const head = sheetXml.head.slice(0, 2000);
      const element = `<drawing r:id="${relId}"${head.includes(`xmlns:r="${NS.rel}"`) ? "" : ` xmlns:r="${NS.rel}"`}/>`;
      const cut = tail + at;
      sheetXml.replaceTail(sheetXml.tail.slice(0, cut) + element + sheetXml.tail.slice(cut));
    }
    const drawingRelsPath = relsPathOf(drawingPath);
    const drawingRelsXml = (await zip.part(drawingRelsPath)?.async("string")) ?? null;
    const taken = new Set(relationships(drawingRelsXml).map((r) => r["@Id"]));
    const added: string[] = [];
    const anchors: string[] = [];
    sheetCharts.forEach((c, i) => {
      const chartPart = freePart("xl/charts", "chart");
      zip.file(chartPart.path, chartXml(c.sheet, c.chart));
      overrides.push(`<Override PartName="/${chartPart.path}" ContentType="${CHART_TYPE}"/>`);
      const relId = freeId("rIdChart", taken);
      taken.add(relId);
      added.push(relationshipXml(relId, NS.relChart, `../charts/chart${chartPart.n}.xml`));
      // Ids above any a picture drawing numbers its shapes with.
      anchors.push(anchorXml(10000 + i, c.name, c.anchor, relId));
    });
    zip.file(drawingRelsPath, withRelationships(drawingRelsXml, added));
    const close = /<\/(?:\w+:)?wsDr>\s*$/.exec(drawingXml);
    if (!close) throw new Error(`The drawing ${drawingPath} of a sheet with charts is not a drawing part.`);
    zip.file(drawingPath, drawingXml.slice(0, close.index) + anchors.join("") + drawingXml.slice(close.index));
  }
  const typesEnd = contentTypes.lastIndexOf("</Types>");
  contentTypes = contentTypes.slice(0, typesEnd) + overrides.join("") + contentTypes.slice(typesEnd);
  zip.file("[Content_Types].xml", contentTypes);
}
