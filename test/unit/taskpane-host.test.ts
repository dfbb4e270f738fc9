import { detectHost, type OfficeLike } from "../../src/taskpane/host";
import { isDarkBackground, prefersDark } from "../../src/taskpane/theme";

describe("the pane chooses Excel or preview mode", () => {
  test("Office reporting Excel as the host runs the pane on the workbook", async () => {
    const office: OfficeLike = { HostType: { Excel: "Excel" }, onReady: () => Promise.resolve({ host: "Excel" }) };
    await expect(detectHost(office, 50)).resolves.toEqual({ kind: "excel" });
  });

  test("Office reporting another host runs the pane in preview", async () => {
    const office: OfficeLike = { HostType: { Excel: "Excel" }, onReady: () => Promise.resolve({ host: "Word" }) };
    await expect(detectHost(office, 50)).resolves.toMatchObject({ kind: "preview" });
  });

  test("a page without office.js runs the pane in preview", async () => {
    await expect(detectHost(undefined, 50)).resolves.toEqual({ kind: "preview", reason: "office.js is not loaded" });
  });

  test("office.js that never calls back falls back to preview after the timeout", async () => {
    const office: OfficeLike = { onReady: () => new Promise(() => undefined) };
    await expect(detectHost(office, 10)).resolves.toEqual({ kind: "preview", reason: "Office did not answer" });
  });

  test("office.js that fails to start runs the pane in preview", async () => {
    const office: OfficeLike = { onReady: () => Promise.reject(new Error("no host")) };
    await expect(detectHost(office, 50)).resolves.toMatchObject({ kind: "preview" });
  });
});

describe("the pane follows Office's theme", () => {
  test.each([
    ["#000000", true],
    ["#1f1f1f", true],
    ["#292929", true],
    ["#ffffff", false],
    ["#f3f3f3", false],
    ["#fff", false],
  ])("a body background of %s is dark: %s", (color, dark) => {
    expect(isDarkBackground(color)).toBe(dark);
  });

  test("a colour Office did not give leaves the choice to the browser", () => {
    expect(isDarkBackground(undefined)).toBeUndefined();
    expect(isDarkBackground("not a colour")).toBeUndefined();
  });
});

describe("the theme Office reports wins", () => {
  const global = globalThis as { Office?: unknown };
  afterEach(() => delete global.Office);

  test("a dark Office body background makes the pane dark", () => {
    global.Office = { context: { officeTheme: { bodyBackgroundColor: "#262626" } } };
    expect(prefersDark()).toBe(true);
  });

  test("a light Office body background makes the pane light", () => {
    global.Office = { context: { officeTheme: { bodyBackgroundColor: "#ffffff" } } };
    expect(prefersDark()).toBe(false);
  });

  test("a host whose officeTheme throws leaves the pane light outside a browser", () => {
    global.Office = {
      context: {
        get officeTheme() {
          throw new Error("not supported");
        },
      },
    };
    expect(prefersDark()).toBe(false);
  });
});
