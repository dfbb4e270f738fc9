import { HEADER_SEARCH_ROWS, repeatedHeaderNotes, vendorBlockIn } from "../../src/actions/tables";
import type { SheetSnapshot } from "../../src/workbook/port";

function sheet(origin: string, values: (string | number | null)[][]): SheetSnapshot {
  return { name: "Quotes", origin, values, formulas: values };
}

describe("the vendor block of a sheet with no selection", () => {
  it("takes the row naming the most fields as the header row, passing over a title and a blank row, and stops at the first blank row", () => {
    const block = vendorBlockIn(
      sheet("B2", [
        ["Quotes received", null, null, null],
        [null, null, null, null],
        ["Vendor", "Hourly rate", "Hours", "Country"],
        ["Acme", 40, 1000, "India"],
        ["Bolt", 45, 1200, "India"],
        [null, null, null, null],
        ["Total", 85, 2200, null],
      ]),
    );
    expect(block).toMatchObject({ sheet: "Quotes", address: "B4:E6", headers: ["Vendor", "Hourly rate", "Hours", "Country"], rowCount: 2, recognised: 4, missingRequired: [] });
  });

  it("is null when no row names a field, or the header row lies below the rows searched", () => {
    expect(vendorBlockIn(sheet("A1", [["Fruit", "Colour"], ["Apple", "Red"]]))).toBeNull();
    expect(vendorBlockIn(sheet("", []))).toBeNull();
    const deep = [...Array.from({ length: HEADER_SEARCH_ROWS }, () => ["note", null]), ["Hourly rate", "Hours"], [40, 100]];
    expect(vendorBlockIn(sheet("A1", deep))).toBeNull();
  });
});

describe("notes on repeated headers when a range becomes a table", () => {
  it("names the columns, the one read and the new names, case aside; a header not repeated says nothing", () => {
    const notes = repeatedHeaderNotes({ sheet: "Quotes", address: "C3:H9", headers: ["Vendor", "Hourly rate", "Contact", "hourly rate", "Contact", "Hours"], rowCount: 6 });
    expect(notes).toEqual([
      "'Hourly rate' heads columns D and F: the evaluation reads column D; column F is now 'Hourly rate2'. Rename the columns if another one holds the values to use.",
      "'Contact' heads columns E and G: column G is now 'Contact2'. Rename the columns if another one holds the values to use.",
    ]);
    expect(repeatedHeaderNotes({ sheet: "Quotes", address: "A1:C3", headers: ["Vendor", "Hourly rate", "Hours"], rowCount: 2 })).toEqual([]);
  });
});
