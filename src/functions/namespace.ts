/**
 * The custom functions' namespace, as declared in manifest.xml (Functions.Namespace).
 * Formulas the add-in writes into workbooks use it; a test keeps the two in step.
 */
export const FUNCTION_NAMESPACE = "OFFSHORE";
