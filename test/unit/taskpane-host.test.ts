import { detectHost, openedByOffice, type OfficeLike } from "../../src/taskpane/host";
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

// Office opens the pane with `_host_Info` in its URL ("Visual Studio Code Debugger Extension
// for Office Add-ins": taskpane.html?_host_Info=Excel$Win32$16.01$en-US$$$$0; office-js issue
// 1805 shows it on Windows with a hash route after it).
describe("opened by Office, the pane waits for Excel however long it takes", () => {
  const EXCEL_URL = "https://localhost:3000/taskpane.html?_host_Info=Excel$Win32$16.01$en-US$$$$0";

  test("a URL carrying _host_Info is a page Office opened", () => {
    expect(openedByOffice(EXCEL_URL)).toBe(true);
    expect(openedByOffice("https://localhost:3000/app?module=ribbons&_host_Info=Excel$Win32$16.01$en-US$$$$3#/formula-builder")).toBe(true);
    expect(openedByOffice("https://localhost:3000/taskpane.html#/route?_host_info=Excel$WAC$16.01$en-US")).toBe(true);
  });

  test("a URL without _host_Info is a plain browser", () => {
    expect(openedByOffice("https://localhost:3000/taskpane.html")).toBe(false);
    expect(openedByOffice("https://localhost:3000/taskpane.html?host_Info_like=1")).toBe(false);
    expect(openedByOffice(undefined)).toBe(false);
  });

  describe("with fake timers", () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    test("onReady answering after the timeout still runs the pane on Excel, and the wait was reported once", async () => {
      let answer: (info: { host: unknown }) => void = () => undefined;
      const office: OfficeLike = { HostType: { Excel: "Excel" }, onReady: () => new Promise((resolve) => (answer = resolve)) };
      const onSlow = jest.fn();
      let settled: unknown = "pending";
      const detected = detectHost(office, 1500, { insideOffice: true, onSlow }).then((host) => (settled = host));
      jest.advanceTimersByTime(10 * 1500);
      await Promise.resolve();
      expect(settled).toBe("pending");
      expect(onSlow).toHaveBeenCalledTimes(1);
      answer({ host: "Excel" });
      await detected;
      expect(settled).toEqual({ kind: "excel" });
    });

    test("the same late onReady outside Office has already fallen back to preview", async () => {
      let answer: (info: { host: unknown }) => void = () => undefined;
      const office: OfficeLike = { HostType: { Excel: "Excel" }, onReady: () => new Promise((resolve) => (answer = resolve)) };
      const detected = detectHost(office, 1500);
      jest.advanceTimersByTime(1500);
      answer({ host: "Excel" });
      await expect(detected).resolves.toEqual({ kind: "preview", reason: "Office did not answer" });
    });
  });

  test("opened by Office without office.js, the pane does not fall back to the sample", async () => {
    await expect(detectHost(undefined, 10, { insideOffice: true })).resolves.toMatchObject({ kind: "unavailable" });
  });

  test("opened by Office, a failed start or another host is reported, never the preview", async () => {
    const failed: OfficeLike = { onReady: () => Promise.reject(new Error("no host")) };
    await expect(detectHost(failed, 10, { insideOffice: true })).resolves.toMatchObject({ kind: "unavailable" });
    const empty: OfficeLike = { HostType: { Excel: "Excel" }, onReady: () => Promise.resolve({ host: null }) };
    await expect(detectHost(empty, 10, { insideOffice: true })).resolves.toMatchObject({ kind: "unavailable" });
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
