import { SUMMARY_COLUMNS } from "../../src/actions/finance";
import { RISK_DRIVERS } from "../../src/model";

// Finance reads these headers; a driver whose name already ends in "risk" once showed as
// "Data and cyber risk risk".
test("every risk driver column of the finance summary names its driver once, with no word doubled", () => {
  const headers = SUMMARY_COLUMNS.filter((c) => c.kind === "result" && c.key.startsWith("risk.")).map((c) => c.header);
  expect(headers).toHaveLength(RISK_DRIVERS.length);
  expect(headers).toContain("Data and cyber risk");
  for (const header of SUMMARY_COLUMNS.map((c) => c.header)) expect(header).not.toMatch(/\b(\w+) \1\b/i);
});
