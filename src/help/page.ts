// The help page users open from the pane and from Excel's "Help on this function": the text
// of help.md (written for people who use the add-in, not for developers) with its contents
// list and the assumptions with their sources, generated from the model's own specifications
// so the page never disagrees with the assumptions sheet. Run at build time, in Node.
import { Marked } from "marked";
import { getHeadingList, gfmHeadingId, resetHeadings } from "marked-gfm-heading-id";
import type { AssumptionSpec } from "../model/assumptions";
import { DOCUMENTED_ASSUMPTIONS } from "../model/assumptionTexts";

const CONTENTS = "<p>{{CONTENTS}}</p>";
const ASSUMPTION_LIST = "<p>{{ASSUMPTIONS}}</p>";

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A default as the assumptions sheet shows it: 5% for a percentage, a blank date as today. */
function defaultText(spec: AssumptionSpec): string {
  if (spec.key === "referenceDate") return "blank, meaning today";
  if (spec.kind === "percent" && typeof spec.defaultValue === "number") return `${+(spec.defaultValue * 100).toFixed(2)}%`;
  if (spec.kind === "list") return String(spec.defaultValue);
  return `${spec.defaultValue}${spec.unit ? ` (${spec.unit})` : ""}`;
}

function assumptionList(): string {
  const items = DOCUMENTED_ASSUMPTIONS.map(
    (spec) =>
      `<dt>${escapeHtml(spec.name)}</dt>\n<dd><p>${escapeHtml(spec.description)}</p><p><strong>Default:</strong> ${escapeHtml(defaultText(spec))}</p><p><strong>Source:</strong> ${escapeHtml(spec.source)}</p>${spec.range ? `<p><strong>Range:</strong> ${escapeHtml(spec.range.source)}</p>` : ""}</dd>`,
  );
  return `<dl class="assumptions">\n${items.join("\n")}\n</dl>`;
}

/** The page: help.md rendered into the template, with the contents and the assumptions filled in. */
export function renderHelpPage(markdown: string, template: string): string {
  resetHeadings();
  const html = new Marked().use(gfmHeadingId()).parse(markdown, { async: false }) as string;
  const sections = getHeadingList().filter((h) => h.level === 2 || h.level === 3);
  const links: string[] = [];
  sections.forEach((h, i) => {
    const next = sections[i + 1];
    const link = `<a href="#${h.id}">${h.text}</a>`;
    if (h.level === 2) links.push(next?.level === 3 ? `<li>${link}<ul>` : `<li>${link}</li>`);
    else links.push(next?.level === 3 ? `<li>${link}</li>` : `<li>${link}</li></ul></li>`);
  });
  const contents = `<nav aria-labelledby="contents"><h2 id="contents">Contents</h2><ul>${links.join("")}</ul></nav>`;
  if (!html.includes(CONTENTS) || !html.includes(ASSUMPTION_LIST)) throw new Error("help.md must hold {{CONTENTS}} and {{ASSUMPTIONS}} as paragraphs of their own");
  const body = html.replace(CONTENTS, contents).replace(ASSUMPTION_LIST, assumptionList());
  return template.replace("{{HELP}}", body);
}
