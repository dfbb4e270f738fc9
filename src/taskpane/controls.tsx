// The pane's form controls: native elements dressed in Fluent UI's theme variables (set by
// ThemeScope, so light and dark themes both apply). The pane's bundle budget
// cannot carry Fluent's Button, Field, Select and Input components; these keep their
// props (appearance, hint, validationState, onChange(event, { value })), so a component can
// move between the two by changing its import.
import {
  Children,
  cloneElement,
  forwardRef,
  isValidElement,
  useId,
  type ButtonHTMLAttributes,
  type ChangeEvent,
  type InputHTMLAttributes,
  type ReactElement,
  type ReactNode,
  type SelectHTMLAttributes,
} from "react";

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  readonly appearance?: "primary" | "secondary" | "transparent";
}

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button({ appearance = "secondary", className, type = "button", ...rest }, ref) {
  return <button ref={ref} type={type} className={`pane-button pane-button-${appearance}${className ? " " + className : ""}`} {...rest} />;
});

export interface FieldProps {
  readonly label: ReactNode;
  readonly hint?: ReactNode;
  readonly validationState?: "none" | "warning" | "error" | "success";
  readonly validationMessage?: ReactNode;
  /** One control; it gets the field's id, description and validity. */
  readonly children: ReactElement;
  readonly className?: string;
}

/** A label, the control, a hint and a validation message, tied together for screen readers. */
export function Field({ label, hint, validationState = "none", validationMessage, children, className }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const messageId = validationMessage ? `${id}-message` : undefined;
  const control = Children.only(children);
  const describedBy = [messageId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`pane-field${className ? " " + className : ""}`}>
      <label className="pane-field-label" htmlFor={id}>
        {label}
      </label>
      {isValidElement<Record<string, unknown>>(control)
        ? cloneElement(control, {
            id,
            "aria-describedby": describedBy,
            "aria-invalid": validationState === "error" ? true : undefined,
          })
        : control}
      {validationMessage && (
        <span id={messageId} className={`pane-field-message pane-field-message-${validationState}`}>
          {validationMessage}
        </span>
      )}
      {hint && (
        <span id={hintId} className="pane-field-hint">
          {hint}
        </span>
      )}
    </div>
  );
}

type ValueChange<E> = (event: ChangeEvent<E>, data: { value: string }) => void;

export interface SelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, "onChange"> {
  readonly onChange?: ValueChange<HTMLSelectElement>;
}

export const Select = forwardRef<HTMLSelectElement, SelectProps>(function Select({ onChange, className, ...rest }, ref) {
  return (
    <select
      ref={ref}
      className={`pane-control${className ? " " + className : ""}`}
      onChange={(event) => onChange?.(event, { value: event.target.value })}
      {...rest}
    />
  );
});

export interface InputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "onChange"> {
  readonly onChange?: ValueChange<HTMLInputElement>;
}

export const Input = forwardRef<HTMLInputElement, InputProps>(function Input({ onChange, className, type = "text", ...rest }, ref) {
  return (
    <input
      ref={ref}
      type={type}
      className={`pane-control${className ? " " + className : ""}`}
      onChange={(event) => onChange?.(event, { value: event.target.value })}
      {...rest}
    />
  );
});

/** Where a long action is: its current step in words, and a bar (indeterminate until a total is known). */
export function StepProgress({ id, progress, idle }: { id: string; progress?: { readonly step: string; readonly done: number; readonly total: number } | null; idle: string }) {
  return (
    <div className="pane-stack">
      <span id={id}>{progress ? `${progress.step}…` : idle}</span>
      <progress
        className="pane-progress"
        aria-labelledby={id}
        max={progress?.total || undefined}
        value={progress && progress.total > 0 ? progress.done : undefined}
      />
    </div>
  );
}
