// The pane's use cases over one WorkbookPort: each forwards to src/actions (or to the port
// for the plain workbook steps: list, convert, insert) and reshapes the answer for the pane.
import { mapByHand, readMapping, parseMappingSetting, tableMemory, inputHeaders } from "../actions/mapping";
import { mapHeaders } from "../model/fields";
import { SAMPLE_SHEET_NAME, SAMPLE_TABLE_NAME, SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../sample/vendors";
import { MAPPING_SETTING, type WorkbookPort } from "../workbook/port";
import type { EvaluateOutcome, FindTableResult, PaneActions, TableCandidate } from "./paneActions";

/** "Vendors", else "Vendors2", "Vendors3"... whichever `taken` does not hold. */
function freeName(base: string, taken: (name: string) => boolean, separator = ""): string {
  if (!taken(base)) return base;
  for (let i = 2; ; i++) if (!taken(`${base}${separator}${i}`)) return `${base}${separator}${i}`;
}

function tableGone(table: string): Error {
  return new Error(`The table ${table} is no longer in the workbook. Choose Look again to pick a table.`);
}

export function paneActionsFor(port: WorkbookPort): PaneActions {
  return {
    async findVendorTables(): Promise<FindTableResult> {
      const [tables, read] = await Promise.all([port.listTables(), port.read({ settings: [MAPPING_SETTING] })]);
      const setting = parseMappingSetting(read.settings[MAPPING_SETTING]);
      const candidates: TableCandidate[] = [];
      for (const table of tables) {
        const memory = tableMemory(setting, table.name);
        const map = mapHeaders(inputHeaders(table.headers, memory), memory.byHand);
        const recognised = Object.keys(map.columns).length;
        if (recognised > 0) candidates.push({ table, recognised, missingRequired: map.missingRequired });
      }
      // Best match: nothing required missing, then the most fields recognised.
      candidates.sort((a, b) => a.missingRequired.length - b.missingRequired.length || b.recognised - a.recognised);
      if (candidates.length > 0) return { tables: candidates, region: null };
      const region = await port.detectRegion();
      const looksLikeVendors = region !== null && !region.table && Object.keys(mapHeaders(region.headers).columns).length > 0;
      return { tables: [], region: looksLikeVendors ? region : null };
    },

    async makeTable(region, name) {
      const taken = new Set((await port.listTables()).map((t) => t.name.toLowerCase()));
      const tableName = freeName(name, (n) => taken.has(n.toLowerCase()));
      await port.apply([{ kind: "convertRangeToTable", sheet: region.sheet, address: region.address, name: tableName }]);
      return tableName;
    },

    async insertExampleTable() {
      const taken = new Set((await port.listTables()).map((t) => t.name.toLowerCase()));
      const tableName = freeName(SAMPLE_TABLE_NAME, (n) => taken.has(n.toLowerCase()));
      const sheetChoices = [SAMPLE_SHEET_NAME, ...[2, 3, 4, 5, 6, 7, 8, 9].map((i) => `${SAMPLE_SHEET_NAME} ${i}`)];
      const sheets = (await port.read({ sheets: sheetChoices })).sheets;
      const sheet = sheetChoices.find((s) => !sheets[s]);
      if (!sheet) throw new Error(`Sheets '${SAMPLE_SHEET_NAME}' to '${sheetChoices.at(-1)}' all exist`);
      await port.apply([
        { kind: "ensureSheet", sheet, activate: true },
        {
          kind: "createTable",
          sheet,
          address: "A1",
          name: tableName,
          headers: [...SAMPLE_VENDOR_HEADERS],
          rows: SAMPLE_VENDOR_ROWS.map((row) => row.map((cell) => cell ?? null)),
        },
      ]);
      return tableName;
    },

    async readMapping(table) {
      const view = await readMapping(port, table);
      if (!view) throw tableGone(table);
      return view;
    },

    async mapByHand(table, field, column) {
      const view = await mapByHand(port, table, field, column);
      if (!view) throw tableGone(table);
      return view;
    },

    async evaluate(table, options): Promise<EvaluateOutcome> {
      void table;
      void options;
      throw new Error("not built yet");
    },
  };
}
