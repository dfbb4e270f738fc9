// Ribbon commands. The Home tab button opens the pane through ShowTaskpane in the
// manifest; this bundle registers the add-in's function-file actions with Office.

/** Opens the task pane from a ribbon or context-menu action. */
export async function openPane(event: Office.AddinCommands.Event): Promise<void> {
  try {
    await Office.addin.showAsTaskpane();
  } finally {
    event.completed();
  }
}

if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  Office.onReady(() => {
    Office.actions.associate("openPane", openPane);
  });
}
