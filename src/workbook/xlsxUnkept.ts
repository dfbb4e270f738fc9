// What a workbook's package holds that the xlsx adapter cannot write back. Node only.
//
// ExcelJS 4.4 reads a package's worksheets (cells, styles, notes, tables, pictures, merged
// cells, validations, conditional formats) and writes only those back: every other part is left
// behind (lib/xlsx/xlsx.js reads the parts by name and skips the others). The adapter adds its own
// charts again after ExcelJS has written the package (xlsxCharts.ts). So a buyer's chart, pivot
// table or slicer is not in the file the command line writes: with --in-place it would be gone
// from the buyer's own file. This module names what would go, from the package's content types
// ([Content_Types].xml, ECMA-376 Part 2, Open Packaging Conventions) and, for charts, from the
// relationships that put them on each sheet, so that the command can refuse or say so.
import JSZip from "jszip";
import { chartsBySheet, type PartReader } from "./xlsxCharts";
import { XMLParser } from "fast-xml-parser";

/** What the buyer would lose, by the words of the content types that carry it (ECMA-376 and Microsoft's [MS-XLSX] extensions). */
const UNKEPT_KINDS: readonly (readonly [RegExp, string])[] = [
  [/spreadsheetml\.chartsheet\+xml$/, "chart sheets"],
  [/spreadsheetml\.pivotTable\+xml$/, "pivot tables"],
  [/ms-excel\.slicer\+xml$/, "slicers"],
  [/ms-excel\.timeline\+xml$/, "timelines"],
  [/spreadsheetml\.externalLink\+xml$/, "links to other workbooks"],
  [/ms-excel\.threadedcomments\+xml$/, "threaded comments (their replies)"],
  [/spreadsheetml\.(connections|queryTable)\+xml$/, "data connections or queries"],
  [/ms-excel\.controlproperties\+xml$/, "form controls"],
  [/ms-office\.activeX(\+xml)?$/, "ActiveX controls"],
  [/oleObject$|ms-excel\.sheet\.binary|ms-excel\.sheet\.12$|officedocument\.spreadsheetml\.sheet$|ms-office\.package$/, "embedded objects"],
];

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", removeNSPrefix: true, isArray: (name) => name === "Override" || name === "Default" });

export interface PackageContent {
  /** What the adapter does not write back, in UNKEPT_KINDS' order, each with how many parts carry it. */
  readonly kinds: readonly { readonly kind: string; readonly parts: number }[];
  /** The charts drawn on each worksheet, by the sheet's name in lower case. */
  readonly charts: ReadonlyMap<string, number>;
}

/**
 * The parts, by the names Excel gives them (ECMA-376 Part 1, the SpreadsheetML parts' examples), of
 * the kinds ExcelJS reads or that need no keeping (calcChain: Excel works it out again): a package
 * of these alone holds nothing more, and no part of it is inflated here (the read inflates each
 * once). Any other part has its content type looked at.
 */
const READ_PARTS = /^(\[Content_Types\]\.xml|_rels\/\.rels|docProps\/(app|core)\.xml|xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|worksheets\/(_rels\/)?sheet\d+\.xml(\.rels)?|sharedStrings\.xml|styles\.xml|theme\/theme\d+\.xml|tables\/table\d+\.xml|comments\d+\.xml|drawings\/(_rels\/)?(vmlD|d)rawing\d+\.(xml|vml)(\.rels)?|media\/[^/]+|calcChain\.xml))$/;

const NOTHING: PackageContent = { kinds: [], charts: new Map() };

/**
 * What `buffer`, a workbook package, holds that the adapter does not write back; nothing for a
 * package JSZip cannot read (ExcelJS's read then says why). Run it where the read's parts are
 * inflated by zlib (withZlibInflate).
 */
export async function packageContent(buffer: Buffer): Promise<PackageContent> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buffer);
  } catch {
    return NOTHING;
  }
  if (Object.keys(zip.files).every((name) => zip.files[name].dir || READ_PARTS.test(name))) return NOTHING;
  const types = parser.parse((await zip.file("[Content_Types].xml")?.async("string")) ?? "")?.Types ?? {};
  const byExtension = new Map<string, string>((types.Default ?? []).map((d: Record<string, string>) => [String(d["@Extension"]).toLowerCase(), String(d["@ContentType"])]));
  const byPart = new Map<string, string>((types.Override ?? []).map((o: Record<string, string>) => [String(o["@PartName"]).replace(/^\//, ""), String(o["@ContentType"])]));
  const counts = new Map<string, number>();
  for (const name of Object.keys(zip.files)) {
    if (zip.files[name].dir) continue;
    const type = byPart.get(name) ?? byExtension.get(name.slice(name.lastIndexOf(".") + 1).toLowerCase()) ?? "";
    const kind = UNKEPT_KINDS.find(([pattern]) => pattern.test(type))?.[1];
    if (kind) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const reader: PartReader = { part: (name) => zip.file(name) };
  let charts = new Map<string, number>();
  try {
    charts = await chartsBySheet(reader);
  } catch {
    // A package whose workbook part does not parse: ExcelJS's read says so.
  }
  return { kinds: UNKEPT_KINDS.filter(([, kind]) => counts.has(kind)).map(([, kind]) => ({ kind, parts: counts.get(kind)! })), charts };
}
