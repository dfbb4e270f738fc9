// What the pane shows inside Office while Excel has not answered yet, or when Office started
// without Excel's API: never the sample workbook, since the shared runtime would keep it
// for the whole session.
import { ProgressBar } from "@fluentui/react-components";
import { ArrowClockwiseRegular } from "@fluentui/react-icons";
import { Button } from "./controls";
import { Notice } from "./Notice";
import { paneStyles } from "./styles";
import { ThemeScope } from "./ThemeScope";

export const WAITING_TITLE = "Waiting for Excel";

export interface WaitingForExcelProps {
  readonly dark: boolean;
  /** Set once Office has answered without Excel: the reason, and no more waiting. */
  readonly failure?: string;
  readonly onRetry: () => void;
}

export function WaitingForExcel({ dark, failure, onRetry }: WaitingForExcelProps) {
  return (
    <ThemeScope dark={dark}>
      <style>{paneStyles}</style>
      <main className="pane" aria-busy={failure ? undefined : true}>
        <h1>Offshore Sourcing</h1>
        <Notice
          intent={failure ? "error" : "info"}
          title={failure ? "Excel did not start the add-in" : WAITING_TITLE}
          actions={
            <Button appearance="primary" icon={<ArrowClockwiseRegular />} onClick={onRetry}>
              Try again
            </Button>
          }
        >
          <span role="status">
            {failure
              ? `${failure}. Try again; if this keeps happening, close the pane and open it again from the ribbon.`
              : "Excel is still starting the add-in. The pane opens on your workbook as soon as it is ready; if nothing happens, try again."}
          </span>
        </Notice>
        {!failure && <ProgressBar aria-label={WAITING_TITLE} thickness="large" />}
      </main>
    </ThemeScope>
  );
}
