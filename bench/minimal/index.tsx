// The floor the pane's first paint is compared with: Fluent UI's provider and one button,
// built with the pane's own webpack settings (bench/paneRender.bench.ts).
import { Button, FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";

const container = document.getElementById("root");
if (container) {
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <Button appearance="primary">Evaluate</Button>
    </FluentProvider>,
  );
}
