import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme, Title3, Body1 } from "@fluentui/react-components";

function mount(): void {
  const container = document.getElementById("root");
  if (!container) return;
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <main>
        <Title3 as="h1">Offshore Sourcing</Title3>
        <Body1>Total cost, risk score and location fit for each vendor option.</Body1>
      </main>
    </FluentProvider>,
  );
}

mount();
