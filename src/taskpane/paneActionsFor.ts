// Binds the pane's steps to the actions over one WorkbookPort. Only reshaping happens here:
// a table that vanished between two clicks becomes an error the pane can word.
import { mapByHand, readMapping } from "../actions/mapping";
import { convertRangeToTable, findVendorTables, insertExampleTable } from "../actions/tables";
import type { WorkbookPort } from "../workbook/port";
import type { PaneActions } from "./paneActions";

function tableGone(table: string): Error {
  return new Error(`The table ${table} is no longer in the workbook. Choose Refresh to pick a table.`);
}

export function paneActionsFor(port: WorkbookPort): PaneActions {
  return {
    findVendorTables: () => findVendorTables(port),
    makeTable: (region, name) => convertRangeToTable(port, region, name),
    insertExampleTable: () => insertExampleTable(port),
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
    // Evaluating and preparing for finance run on a click, never to draw the pane: their code is
    // imported on first use, from a script of its own unless a part loaded earlier shares it
    // (webpack.config.js), and fetched while the browser is idle once the pane is drawn.
    async readBuyerTimeZone() {
      const { readBuyerTimeZone } = await import(/* webpackChunkName: "evaluate", webpackPrefetch: true */ "../actions/buyerZone");
      return readBuyerTimeZone(port);
    },
    async setBuyerTimeZone(text) {
      const { setBuyerTimeZone } = await import(/* webpackChunkName: "evaluate", webpackPrefetch: true */ "../actions/buyerZone");
      return setBuyerTimeZone(port, text);
    },
    // No time zone passed: the pane asks the buyer for it and stores it on the assumptions
    // sheet, which evaluation reads; the computer's zone is only ever a suggestion there.
    async evaluate(table, options) {
      const { evaluateTable } = await import(/* webpackChunkName: "evaluate", webpackPrefetch: true */ "../actions/evaluate");
      return evaluateTable(port, table, options);
    },
    async prepareForFinance(table, options) {
      const { prepareForFinance } = await import(/* webpackChunkName: "finance", webpackPrefetch: true */ "../actions/finance");
      return prepareForFinance(port, table, { mode: options.mode, now: options.now, onProgress: options.onProgress });
    },
    async planFinance(table, mode) {
      const { planFinance } = await import(/* webpackChunkName: "finance", webpackPrefetch: true */ "../actions/financePlan");
      return planFinance(port, table, mode);
    },
    goToCell: (sheet, address) => port.selectCell(sheet, address),
  };
}
