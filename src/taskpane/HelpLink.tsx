// The user help page (help.html, beside the pane's page). Inside Office a link's new window
// is the platform's business, so where the host supports it the page opens through
// Office.context.ui.openBrowserWindow ("Opens a browser window and loads the specified URL",
// requirement set OpenBrowserWindowApi 1.1, @types/office-js); elsewhere the link opens a tab.
import type { MouseEvent } from "react";

interface OfficeUi {
  context?: { requirements?: { isSetSupported(name: string, version?: string): boolean }; ui?: { openBrowserWindow?(url: string): void } };
}

/** help.html, or one of its sections (a function's id such as "offshoretotalcost"), as an absolute URL. */
export function helpUrl(section?: string, base: string = location.href): string {
  const url = new URL("help.html", base);
  if (section) url.hash = section;
  return url.href;
}

export function HelpLink({ section, children = "Help" }: { section?: string; children?: string }) {
  const href = helpUrl(section);
  function open(event: MouseEvent<HTMLAnchorElement>) {
    const office = (globalThis as { Office?: OfficeUi }).Office;
    if (office?.context?.requirements?.isSetSupported("OpenBrowserWindowApi", "1.1") && office.context.ui?.openBrowserWindow) {
      event.preventDefault();
      office.context.ui.openBrowserWindow(href);
    }
  }
  return (
    // Fluent's link colour for the theme: the browser's own blue is unreadable on the dark theme.
    <a href={href} target="_blank" rel="noopener noreferrer" onClick={open} style={{ color: "var(--colorBrandForegroundLink)" }}>
      {children}
    </a>
  );
}
