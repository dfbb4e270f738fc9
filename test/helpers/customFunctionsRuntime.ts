// A stand-in for the CustomFunctions global that Excel's runtime provides: the same
// Error class shape and ErrorCode values, and an associate() that records what a
// bundle registers, so the functions can be called exactly as Excel calls them.

export const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

export class CustomFunctionsError {
  constructor(
    readonly code: ErrorCodeValue,
    readonly message?: string,
  ) {}
}

export interface CustomFunctionsRuntime {
  /** Functions registered through associate(), by id. */
  readonly registered: Map<string, (...args: unknown[]) => unknown>;
  /** The object to expose as the CustomFunctions global. */
  readonly global: {
    associate(idOrMappings: string | Record<string, (...args: unknown[]) => unknown>, fn?: (...args: unknown[]) => unknown): void;
    Error: typeof CustomFunctionsError;
    ErrorCode: typeof ErrorCode;
  };
}

export function createCustomFunctionsRuntime(): CustomFunctionsRuntime {
  const registered = new Map<string, (...args: unknown[]) => unknown>();
  const register = (id: string, fn: unknown) => {
    if (typeof fn !== "function") throw new TypeError(`associate('${id}') was given ${typeof fn}, not a function`);
    if (registered.has(id.toUpperCase())) throw new Error(`associate('${id}') called twice`);
    registered.set(id.toUpperCase(), fn as (...args: unknown[]) => unknown);
  };
  return {
    registered,
    global: {
      associate(idOrMappings, fn) {
        if (typeof idOrMappings === "string") register(idOrMappings, fn);
        else for (const [id, f] of Object.entries(idOrMappings)) register(id, f);
      },
      Error: CustomFunctionsError,
      ErrorCode,
    },
  };
}

/** Installs a fresh runtime as globalThis.CustomFunctions (for code imported from src). */
export function installCustomFunctionsRuntime(): CustomFunctionsRuntime {
  const runtime = createCustomFunctionsRuntime();
  (globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = runtime.global;
  return runtime;
}
