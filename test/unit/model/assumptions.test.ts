import { ASSUMPTIONS, DEFAULT_ASSUMPTIONS, dateToExcelSerial, parseAssumptions, type AssumptionKey } from "../../../src/model";
import { DOCUMENTED_ASSUMPTIONS } from "../../../src/model/assumptionTexts";

const REQUIRED_NAMES = ["Buyer time zone", "Buyer workday start", "Buyer workday end", "Vendor workday start", "Vendor workday end", "Reference date"];

describe("assumption specs", () => {
  test("the names the issue requires exist", () => {
    const names = ASSUMPTIONS.map((s) => s.name);
    for (const n of REQUIRED_NAMES) expect(names).toContain(n);
  });
  test("every assumption carries a source and a description", () => {
    for (const s of DOCUMENTED_ASSUMPTIONS) {
      expect(s.source).toMatch(/^(Assumption: |[^A]).{10,}/);
      expect(s.description.length).toBeGreaterThan(10);
    }
  });
  test("names and keys are unique", () => {
    expect(new Set(ASSUMPTIONS.map((s) => s.name.toLowerCase())).size).toBe(ASSUMPTIONS.length);
    expect(new Set(ASSUMPTIONS.map((s) => s.key)).size).toBe(ASSUMPTIONS.length);
  });
  test("every default lies in its allowed range", () => {
    for (const s of ASSUMPTIONS) {
      if (typeof s.defaultValue !== "number") continue;
      if (s.min !== undefined) expect(s.defaultValue).toBeGreaterThanOrEqual(s.min);
      if (s.max !== undefined) expect(s.defaultValue).toBeLessThanOrEqual(s.max);
    }
  });
  test("category factors have one row per category, named with the category", () => {
    const names = ASSUMPTIONS.map((s) => s.name);
    expect(names).toContain("Governance % (Staff augmentation)");
    expect(names).toContain("Travel % (Offshore)");
    expect(names).toContain("Security % (Regulated)");
    expect(names).toContain("Rework % (Low clarity)");
    expect(names).toContain("Change request % (Fixed price, Low clarity)");
    expect(names.filter((n) => n.startsWith("Change request %"))).toHaveLength(15);
    expect(names.filter((n) => n.startsWith("Risk weight ("))).toHaveLength(7);
  });
  test("the buyer's zone is a documented fixed zone, never the machine's", () => {
    expect(DEFAULT_ASSUMPTIONS.buyerTimeZone).toBe("America/New_York");
    expect(DOCUMENTED_ASSUMPTIONS.find((s) => s.key === "buyerTimeZone")?.source).toMatch(/^Assumption/);
  });
  test("the overlap needs use the practitioner figures: 4 h comfortable, 2 h bare minimum", () => {
    expect(DEFAULT_ASSUMPTIONS.overlapNeedHighCollaboration).toBe(4);
    expect(DEFAULT_ASSUMPTIONS.overlapNeedMediumCollaboration).toBe(2);
  });
});

describe("parsing a (name, value) table", () => {
  test("no table gives the defaults", () => {
    expect(parseAssumptions()).toEqual({ ok: true, value: DEFAULT_ASSUMPTIONS });
    expect(parseAssumptions(null)).toEqual({ ok: true, value: DEFAULT_ASSUMPTIONS });
  });
  test("a header row, blank rows and extra columns are tolerated", () => {
    const r = parseAssumptions([["Name", "Value", "Unit"], [null, null], ["Transition %", 0.03, "% of labour"], ["", ""]]);
    expect(r.ok && r.value.transitionPct).toBe(0.03);
  });
  test("names match ignoring case and spacing", () => {
    const r = parseAssumptions([["transition  %", "3%"]]);
    expect(r.ok && r.value.transitionPct).toBeCloseTo(0.03, 12);
  });
  test("a blank value keeps the default", () => {
    const r = parseAssumptions([["Transition %", ""]]);
    expect(r.ok && r.value.transitionPct).toBe(DEFAULT_ASSUMPTIONS.transitionPct);
  });
  test("an unknown name is an error naming it", () => {
    const r = parseAssumptions([["Transition %", 0.03], ["Lunch budget", 5]]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe("assumption");
      expect(r.error.message).toContain("Unknown assumption 'Lunch budget'");
    }
  });
  test("an assumption an earlier version wrote and this one replaced is skipped, not an error that would stop every formula", () => {
    const r = parseAssumptions([["Transition %", 0.03], ["Onshore reference hourly rate", 100]]);
    expect(r.ok && r.value.transitionPct).toBe(0.03);
  });
  test("an out-of-range value is an error naming the assumption and the range", () => {
    const r = parseAssumptions([["Governance % (Staff augmentation)", "150%"]]);
    expect(!r.ok && r.error.message).toBe("Governance % (Staff augmentation) must be between 0% and 100%; got '150%'");
    const w = parseAssumptions([["Buyer workday end", 30]]);
    expect(!w.ok && w.error.message).toBe("Buyer workday end must be between 0 and 24; got 30");
  });
  // A percentage cell on the assumptions sheet stores a fraction (100% is 1); a number too large
  // to be a fraction in the allowed range is a number of percent.
  test.each([[7, 0.07], ["7", 0.07], ["7%", 0.07], [0.07, 0.07], [1, 1], [1.5, 0.015], [100, 1], [0.5, 0.5], ["1%", 0.01]])("a percent assumption written %p reads as %p", (cell, expected) => {
    const r = parseAssumptions([["Transition %", cell], ["Default attrition", cell]]);
    expect(r.ok && [r.value.transitionPct, r.value.defaultAttrition]).toEqual([expected, expected]);
  });
  test("a percent assumption allowed above 100% reads a percentage cell's 150% (stored 1.5) as 150%, and 20 as 20%", () => {
    const stored = parseAssumptions([["Hidden cost share for full risk", 1.5]]);
    expect(stored.ok && stored.value.hiddenCostShareForFullRisk).toBe(1.5);
    const typed = parseAssumptions([["Hidden cost share for full risk", 20]]);
    expect(typed.ok && typed.value.hiddenCostShareForFullRisk).toBe(0.2);
  });
  test("a percentage above the range names the range", () => {
    const r = parseAssumptions([["Transition %", 150]]);
    expect(!r.ok && r.error.message).toBe("Transition % must be between 0% and 100%; got 150");
  });
  test("a value that is not a number is an error", () => {
    const r = parseAssumptions([["Transition %", "lots"]]);
    expect(!r.ok && r.error.message).toBe("Transition % must be a number; got 'lots'");
  });
  test("a name given twice is an error", () => {
    const r = parseAssumptions([["Transition %", 0.03], ["transition %", 0.04]]);
    expect(!r.ok && r.error.message).toContain("given twice");
  });
  test("a value without a name is an error", () => {
    const r = parseAssumptions([[null, 5]]);
    expect(r.ok).toBe(false);
  });
  test("workday hours accept Excel times", () => {
    const r = parseAssumptions([["Buyer workday start", 0.375]]);
    expect(r.ok && r.value.buyerWorkdayStart).toBe(9);
  });
  test("Buyer time zone accepts an IANA name and rejects an unknown one", () => {
    const r = parseAssumptions([["Buyer time zone", "europe/london"]]);
    expect(r.ok && r.value.buyerTimeZone).toBe("Europe/London");
    const bad = parseAssumptions([["Buyer time zone", "Narnia/Cair"]]);
    expect(!bad.ok && bad.error.field).toBe("Buyer time zone");
  });
  test("Reference date accepts an Excel serial or YYYY-MM-DD, and blank means the today argument", () => {
    const serial = dateToExcelSerial({ year: 2026, month: 3, day: 20 });
    const fromSerial = parseAssumptions([["Reference date", serial]]);
    const fromText = parseAssumptions([["Reference date", "2026-03-20"]]);
    const blank = parseAssumptions([["Reference date", ""]], { year: 2026, month: 7, day: 1 });
    expect(fromSerial.ok && fromSerial.value.referenceDate).toBe(serial);
    expect(fromText.ok && fromText.value.referenceDate).toBe(serial);
    expect(blank.ok && blank.value.referenceDate).toBe(dateToExcelSerial({ year: 2026, month: 7, day: 1 }));
    expect(parseAssumptions([["Reference date", "2026-02-30"]]).ok).toBe(false);
  });
  test("the same table content gives the same cached object", () => {
    const a = parseAssumptions([["Transition %", 0.03]]);
    const b = parseAssumptions([["Transition %", 0.03]]);
    expect(a.ok && b.ok && a.value === b.value).toBe(true);
  });
  test("the defaults for the same today are one cached object", () => {
    const today = { year: 2026, month: 7, day: 1 };
    const a = parseAssumptions(null, today);
    const b = parseAssumptions([], today);
    expect(a.ok && b.ok && a.value === b.value).toBe(true);
    expect(a.ok && a.value.referenceDate).toBe(dateToExcelSerial(today));
  });
  test("every default round-trips through the table", () => {
    const table = ASSUMPTIONS.filter((s) => s.key !== "referenceDate").map((s) => [s.name, s.defaultValue]);
    const r = parseAssumptions(table);
    expect(r.ok).toBe(true);
    if (r.ok) for (const s of ASSUMPTIONS) expect(r.value[s.key as AssumptionKey]).toBe(DEFAULT_ASSUMPTIONS[s.key as AssumptionKey]);
  });
});


// Rules that were constants in code (certification words, typical pricing, mitigations,
// pilot length) are assumptions: on the sheet, with a source, parsed like any other row.
describe("rules as assumptions", () => {
  test.each([
    "Security certification keywords",
    "Certification not-held words",
    "Typical pricing (Staff augmentation)",
    "Typical pricing (Outcome-based)",
    "Mitigations: top risks listed",
    "Mitigations: any risk from score",
    "Pilot share of the engagement",
    "Pilot length, minimum (months)",
    "Pilot length, maximum (months)",
  ])("'%s' is an assumption with a source", (name) => {
    const spec = DOCUMENTED_ASSUMPTIONS.find((s) => s.name === name);
    expect(spec).toBeDefined();
    expect(spec!.source.length).toBeGreaterThan(10);
  });
  test("a list is read item by item, whatever the separators, and kept as 'a, b'", () => {
    const parsed = parseAssumptions([["Security certification keywords", " 27001 ;SOC 2\nCSA   STAR | PCI"]]);
    expect(parsed.ok && parsed.value.certificationKeywords).toBe("27001, SOC 2, CSA STAR, PCI");
  });
  test("typical pricing accepts the pricing models in any case and refuses anything else", () => {
    const ok = parseAssumptions([["Typical pricing (BPO)", "output-based; CAPACITY"]]);
    expect(ok.ok && ok.value.typicalPricingBPO).toBe("Output-based, Capacity");
    const bad = parseAssumptions([["Typical pricing (BPO)", "Output-based, per seat"]]);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain("'per seat' is not one of");
  });
  test("a list with no item is an error; a blank cell is the default", () => {
    expect(parseAssumptions([["Certification not-held words", " , ; "]]).ok).toBe(false);
    const blank = parseAssumptions([["Certification not-held words", ""]]);
    expect(blank.ok && blank.value.certificationNotHeldWords).toBe(DEFAULT_ASSUMPTIONS.certificationNotHeldWords);
  });
});
