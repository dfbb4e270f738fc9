// The pane's entry. office.js comes from Microsoft's CDN; without it the pane still opens,
// in preview mode.
import type { OfficeLike } from "./host";
import { startPane } from "./boot";

const container = document.getElementById("root");
if (container) void startPane(container, { office: (globalThis as { Office?: OfficeLike }).Office });
