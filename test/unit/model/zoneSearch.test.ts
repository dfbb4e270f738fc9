// What the buyer time-zone picker lists for what a buyer types: the zone resolveZone reads
// from the text first, then zones whose city, country or name matches.
import { currentZoneName, resolveZone, searchZones, zoneChoices } from "../../../src/model/zones";

const first = (text: string) => searchZones(text, 5)[0]?.zone;

describe("searching zones", () => {
  test.each([
    ["Kolkata", "Asia/Kolkata"],
    ["Bangalore", "Asia/Kolkata"],
    ["Calcutta", "Asia/Kolkata"],
    ["berlin", "Europe/Berlin"],
    ["New York", "America/New_York"],
    ["Poland", "Europe/Warsaw"],
    ["CET", "Europe/Brussels"],
    ["UTC+5:30", "UTC+05:30"],
  ])("'%s' lists %s first", (text, zone) => {
    expect(first(text)).toBe(zone);
  });

  test("the first zone listed is what the assumption would store for the same text", () => {
    for (const text of ["Kolkata", "Mumbai", "Poland", "EST", "GMT-3", "Asia/Tokyo"]) {
      const resolved = resolveZone(text);
      expect(resolved.ok && resolved.value).toBe(first(text));
    }
  });

  test("a partial name lists every zone it starts, then those it is part of, within the limit", () => {
    const found = searchZones("Kol", 20).map((c) => c.zone);
    expect(found).toContain("Asia/Kolkata");
    expect(searchZones("a", 7)).toHaveLength(7);
  });

  test("every choice is a current IANA zone with its country and standard offset", () => {
    const choices = zoneChoices();
    expect(choices.length).toBeGreaterThan(300);
    expect(choices.find((c) => c.zone === "Asia/Kolkata")?.detail).toBe("India · UTC+05:30");
    expect(choices.some((c) => c.zone === "Asia/Calcutta")).toBe(false);
  });

  test("an old zone name a browser may report is offered under its current name", () => {
    expect(currentZoneName("Asia/Calcutta")).toBe("Asia/Kolkata");
    expect(currentZoneName("Europe/Berlin")).toBe("Europe/Berlin");
    expect(currentZoneName("UTC+05:30")).toBe("UTC+05:30");
    expect(searchZones("Asia/Calcutta", 3)[0]).toMatchObject({ zone: "Asia/Kolkata", detail: "India · UTC+05:30" });
  });
});
