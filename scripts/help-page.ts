// Prints help.html: src/help/help.md rendered into its template with the contents and the
// assumptions (src/help/page.ts). The build runs it in its own Node process through tsx, so
// the model's TypeScript is read the same way whoever starts webpack (the CLI, a test runner).
import { readFileSync } from "fs";
import path from "path";
import { renderHelpPage } from "../src/help/page";

const help = path.resolve(__dirname, "..", "src", "help");
process.stdout.write(renderHelpPage(readFileSync(path.join(help, "help.md"), "utf8"), readFileSync(path.join(help, "help.template.html"), "utf8")));
