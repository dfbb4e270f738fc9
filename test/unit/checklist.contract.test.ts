import { buildChecklist, checklistToMarkdown, contractItemsOf, OWNER_KEYS, RACI_BY_CARRIER, type Checklist } from "../../src/model/checklist";
import { CONTRACT_KEYS, type ContractKey } from "../../src/model/checklistContract";
import { addDays, addMonths, COST_LINES, evaluateRow, ENGAGEMENT_MODELS, PRICING_MODELS, SENSITIVITIES, type EngagementModel, type PricingModel, type VendorRow } from "../../src/model";
import { assumptionsWith, vendorRow, WINTER } from "./model/helpers";

const checklistOf = (row: Partial<VendorRow>, options: Parameters<typeof buildChecklist>[1] = {}): Checklist =>
  buildChecklist(evaluateRow(vendorRow(row), WINTER), { assumptions: WINTER, ...options });
const keys = (c: Checklist): ContractKey[] => c.contractItems.map((i) => i.key);

const EVERY_MODEL: [EngagementModel, PricingModel][] = ENGAGEMENT_MODELS.flatMap((e) => PRICING_MODELS.map((p): [EngagementModel, PricingModel] => [e, p]));

// The rule each conditional item follows, stated independently of the code that lists them.
const PROVIDER_RUNS = new Set<EngagementModel>(["Managed service", "BPO", "Outcome-based"]);
const PEOPLE_BASED = new Set<EngagementModel>(["Staff augmentation", "Dedicated team", "Project"]);

describe("contract and exit items follow the row, over every engagement and pricing model", () => {
  test.each(EVERY_MODEL)("%s priced %s", (engagementModel, pricingModel) => {
    const base = { engagementModel, pricingModel, dataSensitivity: "Internal" as const, durationMonths: 12, replacesInHouseStaff: false };
    const got = keys(checklistOf(base));
    const expectIf = (key: ContractKey, when: boolean) => expect([key, got.includes(key)]).toEqual([key, when]);
    expectIf("serviceLevels", PROVIDER_RUNS.has(engagementModel) || pricingModel === "Output-based" || pricingModel === "Outcome-based");
    expectIf("acceptance", engagementModel === "Project" || pricingModel === "Fixed price");
    expectIf("keyPersonnel", PEOPLE_BASED.has(engagementModel));
    expectIf("auditRights", PROVIDER_RUNS.has(engagementModel));
    expectIf("subcontractors", engagementModel !== "Staff augmentation");
    expectIf("dataProcessing", false);
    expectIf("employeeConsultation", false);
    expectIf("indexation", false);
    // Twelve months is long enough to need continuity and an exit plan under every model.
    expectIf("continuity", true);
    expectIf("exit", true);
    for (const always of ["intellectualProperty", "liability", "governanceCadence"] as const) expectIf(always, true);

    const short = keys(checklistOf({ ...base, durationMonths: 3 }));
    expect(short.includes("exit")).toBe(true);
    expect(short.includes("continuity")).toBe(PROVIDER_RUNS.has(engagementModel));
    const multiYear = keys(checklistOf({ ...base, durationMonths: 36 }));
    expect(multiYear).toContain("indexation");
    expect(keys(checklistOf({ ...base, durationMonths: 23 }))).not.toContain("indexation");
  });

  test("every row whose total cost carries an exit line lists the exit plan it pays for, short projects included", () => {
    for (const [engagementModel, pricingModel] of EVERY_MODEL)
      for (const durationMonths of [1, 3, 6, 11, 11.9, 12, 24, 60]) {
        const row = { engagementModel, pricingModel, durationMonths };
        const exitLine = evaluateRow(vendorRow(row), WINTER).cost.lines.find((l) => l.key === "exitTransitionOut")!;
        expect(exitLine.amount).toBeGreaterThan(0);
        const item = checklistOf(row).contractItems.find((i) => i.key === "exit");
        expect([engagementModel, pricingModel, durationMonths, item?.key]).toEqual([engagementModel, pricingModel, durationMonths, "exit"]);
        // A short project has no quarterly review: its hand-over is agreed in the contract.
        const shortProject = engagementModel === "Project" && durationMonths < 12;
        expect(item!.due).toBe(shortProject ? "Before signature" : "At the first quarterly review");
      }
  });

  test("the exit item points to its budget: the total cost's exit and transition-out line", () => {
    const label = COST_LINES.find((l) => l.key === "exitTransitionOut")!.label;
    const item = checklistOf({ engagementModel: "Managed service", durationMonths: 24 }).contractItems.find((i) => i.key === "exit")!;
    expect(item.clause).toContain(`the '${label}' line of the total cost`);
  });

  test.each(SENSITIVITIES)("%s data", (dataSensitivity) => {
    const sensitive = dataSensitivity === "Confidential" || dataSensitivity === "Regulated";
    for (const engagementModel of ENGAGEMENT_MODELS) {
      const c = checklistOf({ engagementModel, dataSensitivity });
      expect(keys(c).includes("dataProcessing")).toBe(sensitive);
      expect(keys(c).includes("auditRights")).toBe(sensitive || PROVIDER_RUNS.has(engagementModel));
      expect(keys(c).includes("subcontractors")).toBe(sensitive || engagementModel !== "Staff augmentation");
      const dpa = c.contractItems.find((i) => i.key === "dataProcessing");
      if (dpa) expect(dpa.source).toContain("GDPR), Art. 28(3)");
      const sub = c.contractItems.find((i) => i.key === "subcontractors");
      if (sub && sensitive) expect(sub.source).toContain("GDPR Art. 28(2)");
    }
  });

  test("employees are consulted only when the engagement replaces in-house staff, citing the Acquired Rights Directive and TUPE", () => {
    for (const [engagementModel, pricingModel] of EVERY_MODEL) {
      expect(keys(checklistOf({ engagementModel, pricingModel }))).not.toContain("employeeConsultation");
      const item = checklistOf({ engagementModel, pricingModel, replacesInHouseStaff: true }).contractItems.find((i) => i.key === "employeeConsultation");
      expect(item?.source).toMatch(/2001\/23\/EC.*TUPE/);
    }
  });

  test("every item says why it is there and cites a public source or says it is an assumption", () => {
    const c = checklistOf({ engagementModel: "Project", pricingModel: "Output-based", dataSensitivity: "Regulated", durationMonths: 36, replacesInHouseStaff: true });
    expect(keys(c)).toEqual([...CONTRACT_KEYS]);
    for (const item of c.contractItems) {
      expect(item.why.length).toBeGreaterThan(20);
      expect(item.source).toMatch(/^Assumption: |ISO|GDPR|AICPA|Directive|European Banking Authority/);
    }
    expect(c.contractItems.find((i) => i.key === "auditRights")!.source).toContain("SOC 2");
    expect(c.contractItems.find((i) => i.key === "continuity")!.source).toContain("ISO 22301");
  });

  test("a short quarter-less engagement gets no quarterly review in its governance cadence", () => {
    const cadence = (months: number) => checklistOf({ durationMonths: months }).contractItems.find((i) => i.key === "governanceCadence")!.clause;
    expect(cadence(12)).toMatch(/executive review quarterly/);
    expect(cadence(2)).not.toMatch(/executive review quarterly/);
  });

  test("contract items need only the row's categories: they come without a cost", () => {
    const row = vendorRow({ hourlyRate: Number.NaN, engagementModel: "BPO", dataSensitivity: "Regulated" });
    expect(contractItemsOf(row).map((i) => i.key)).toEqual(keys(checklistOf({ engagementModel: "BPO", dataSensitivity: "Regulated" })));
  });
});

describe("RACI on both sides", () => {
  test.each(ENGAGEMENT_MODELS)("%s: each owner has its carrier's RACI, one accountable side, and a counterpart field", (engagementModel) => {
    const c = checklistOf({ engagementModel }, { ownerNames: { scope: "Ana" }, counterpartNames: { scope: " Raj ", delivery: "" } });
    for (const o of c.owners) {
      expect(o.raci).toEqual(RACI_BY_CARRIER[o.carrier]);
      const accountable = [o.raci.buyer.includes("Accountable"), o.raci.provider.includes("Accountable")].filter(Boolean);
      expect(accountable).toHaveLength(1);
      expect(o.raci.buyer.length + o.raci.provider.length).toBeGreaterThan(1);
    }
    expect(c.owners.find((o) => o.key === "scope")).toMatchObject({ name: "Ana", counterpart: "Raj" });
    expect(c.owners.find((o) => o.key === "delivery")!.counterpart).toBe("");
  });

  test("the security owner stays Responsible and Accountable on the buyer's side under every model", () => {
    for (const engagementModel of ENGAGEMENT_MODELS) {
      const security = checklistOf({ engagementModel }).owners.find((o) => o.key === "security")!;
      expect(security.raci.buyer).toEqual(["Responsible", "Accountable"]);
    }
  });

  test("a provider-carried area makes the provider accountable and keeps the buyer consulted and informed", () => {
    const delivery = checklistOf({ engagementModel: "Managed service" }).owners.find((o) => o.key === "delivery")!;
    expect(delivery.carrier).toBe("Provider");
    expect(delivery.raci).toEqual({ buyer: ["Consulted", "Informed"], provider: ["Responsible", "Accountable"] });
  });
});

describe("due dates", () => {
  test("without a start date, items carry their stage and no date", () => {
    const c = checklistOf({ dataSensitivity: "Regulated" });
    expect(c.startDate).toBe("");
    for (const item of [...c.contractItems, ...c.securityRules]) expect(item.dueDate).toBe("");
    expect(c.securityRules.every((r) => r.due === "Before onboarding")).toBe(true);
    expect(new Set(c.contractItems.map((i) => i.due))).toEqual(new Set(["Before signature", "Before onboarding", "In the pilot", "At the first quarterly review"]));
  });

  test("with a start date, each stage is a calendar date: signature 14 days before, onboarding on it, the pilot's end, the first quarter", () => {
    const start = { year: 2027, month: 1, day: 31 };
    const c = checklistOf({ durationMonths: 12, dataSensitivity: "Confidential" }, { startDate: start });
    expect(c.startDate).toBe("2027-01-31");
    expect(c.pilot.months).toBe(3);
    expect(c.dueDates).toEqual({
      "Before signature": "2027-01-17",
      "Before onboarding": "2027-01-31",
      // 31 January plus three months is the last day of April.
      "In the pilot": "2027-04-30",
      "At the first quarterly review": "2027-04-30",
    });
    for (const item of c.contractItems) expect(item.dueDate).toBe(c.dueDates[item.due]);
    expect(c.securityRules[0].dueDate).toBe("2027-01-31");
  });

  test("the start date comes from the 'Engagement start date' assumption when the pane gives none", () => {
    const a = assumptionsWith({ "Reference date": "2026-01-15", "Engagement start date": "2026-03-02" });
    const c = buildChecklist(evaluateRow(vendorRow(), a), { assumptions: a });
    expect(c.startDate).toBe("2026-03-02");
    expect(c.dueDates["Before signature"]).toBe("2026-02-16");
    expect(buildChecklist(evaluateRow(vendorRow(), a), { assumptions: a, startDate: null }).startDate).toBe("");
  });

  test("the calendar arithmetic crosses month and year ends and leap days", () => {
    expect(addDays({ year: 2027, month: 1, day: 5 }, -14)).toEqual({ year: 2026, month: 12, day: 22 });
    expect(addMonths({ year: 2028, month: 11, day: 30 }, 3)).toEqual({ year: 2029, month: 2, day: 28 });
    expect(addMonths({ year: 2027, month: 11, day: 30 }, 3)).toEqual({ year: 2028, month: 2, day: 29 });
  });
});

describe("a pilot that fits the row", () => {
  test("a three-month fixed-price penetration test gets no one-month pilot of a third of its hours, and says why", () => {
    const c = checklistOf({ engagementModel: "Project", pricingModel: "Fixed price", durationMonths: 3, hours: 800, workType: "Penetration test" });
    expect(c.pilot.months).toBe(0);
    expect(c.pilot.skipped).toMatch(/^No separate pilot: a 3-month fixed price project is itself short and bounded/);
    const text = c.pilotPlan.map((p) => p.detail).join(" ");
    expect(text).not.toMatch(/267|of the 800 hours|before scaling/);
    expect(c.pilotPlan[5].detail).toContain(c.pilot.skipped);
  });

  test.each(EVERY_MODEL)("%s priced %s: a short engagement is skipped only when bounded; a long one always gets a pilot", (engagementModel, pricingModel) => {
    const bounded = engagementModel === "Project" || pricingModel === "Fixed price";
    const short = checklistOf({ engagementModel, pricingModel, durationMonths: 3 });
    expect(short.pilot.skipped !== "").toBe(bounded);
    // Without a pilot, step 6 is the first checkpoint the skip text points to, not a "measurable pilot".
    const step = short.pilotPlan.find((s) => s.key === "pilot")!;
    expect(step.title).toBe(bounded ? "6. First checkpoint" : "6. Measurable pilot");
    if (bounded) expect(step.detail).toMatch(/first (deliverable the )?checkpoint/);
    const long = checklistOf({ engagementModel, pricingModel, durationMonths: 12 });
    expect(long.pilot).toEqual({ months: 3, skipped: "" });
  });

  test("the pilot's size follows the pricing model and its unit the work type", () => {
    const detail = (row: Partial<VendorRow>) => checklistOf({ durationMonths: 12, hours: 1200, ...row }).pilotPlan[5].detail;
    expect(detail({ pricingModel: "Time and materials" })).toContain("(about 300 of the 1,200 hours)");
    expect(detail({ engagementModel: "Dedicated team", pricingModel: "Capacity" })).toContain("with a smaller team");
    expect(detail({ engagementModel: "Project", pricingModel: "Fixed price" })).toContain("as a first fixed-price work package");
    expect(detail({ workType: "Penetration test" })).toContain("one application or network segment");
    expect(detail({ workType: "Customer support" })).toContain("one process at a sample of its volume");
  });
});

describe("markdown", () => {
  test("includes the RACI of both sides, the counterparts, the contract items and their dates", () => {
    const c = checklistOf(
      { engagementModel: "Managed service", dataSensitivity: "Regulated" },
      { ownerNames: { delivery: "Ana" }, counterpartNames: { delivery: "Raj" }, startDate: { year: 2027, month: 3, day: 1 } },
    );
    const text = checklistToMarkdown(c);
    expect(text).toContain("| Provider's counterpart | Provider RACI |");
    expect(text).toContain("| Delivery owner | Ana | C, I | Raj | R, A |");
    expect(text).toContain("- **Engagement start:** 2027-03-01; sign by 2027-02-15");
    expect(text).toContain("## Contract and exit items");
    for (const item of c.contractItems) expect(text).toContain(`**${item.title}** (${item.due} (by ${item.dueDate}))`);
    expect(text).toContain("(Before onboarding (by 2027-03-01))");
    expect(OWNER_KEYS.every((k) => text.includes(c.owners.find((o) => o.key === k)!.role))).toBe(true);
  });

  test("without a start date the copy names the stages and says how to get dates", () => {
    const text = checklistToMarkdown(checklistOf({}));
    expect(text).toContain("not set (items show their stage; set Engagement start date for dates)");
    expect(text).toContain("**Liability caps and insurance** (Before signature)");
  });
});
