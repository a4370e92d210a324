import { useId, useState, type FormEvent, type InvalidEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import type { ActionResult } from "../api/useApi";

interface Common {
  label: string;
  /** The server's message for this field, if it rejected it. */
  error?: string | undefined;
  hint?: string | undefined;
  testId?: string | undefined;
  required?: boolean;
  disabled?: boolean;
  name?: string;
}

/**
 * Forms are `noValidate`: the browser's own bubbles would speak the browser's language, not the
 * page's. A form may still check its fields before sending: `validLocally(event)` runs the fields'
 * constraints (required, type, min/max, length, pattern), each invalid field shows the app's own
 * message in the chosen language, and the first one gets the focus. The server's 400 naming a
 * field remains the last word (the `error` prop).
 */
/**
 * A form's submit handler: the browser's own checks first (the app's messages beside the fields,
 * nothing sent), then the action; `onOk` gets its result.
 */
export function submitWith<R>(action: { execute: () => Promise<ActionResult<R>> }, onOk: (value: R) => void) {
  return async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!validLocally(event)) {
      return;
    }
    const result = await action.execute();
    if (result.ok) {
      onOk(result.value);
    }
  };
}

export function validLocally(event: FormEvent<HTMLFormElement>): boolean {
  const form = event.currentTarget;
  if (form.checkValidity()) {
    return true;
  }
  const first = Array.from(form.elements).find((el): el is HTMLInputElement => "validity" in el && !(el as HTMLInputElement).validity.valid);
  first?.focus();
  return false;
}

/** The app's words for what the browser found wrong with a field. */
export function localValidityMessage(t: TFunction, el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement): string {
  const v = el.validity;
  if (v.valueMissing) {
    return t("validation.required");
  }
  if (v.typeMismatch && el.type === "email") {
    return t("validation.email");
  }
  if (v.typeMismatch && el.type === "url") {
    return t("validation.url");
  }
  if (v.badInput || v.stepMismatch) {
    return t("validation.number");
  }
  if (v.rangeUnderflow && "min" in el) {
    return t("validation.min", { min: el.min });
  }
  if (v.rangeOverflow && "max" in el) {
    return t("validation.max", { max: el.max });
  }
  if (v.tooLong && "maxLength" in el) {
    return t("validation.tooLong", { max: el.maxLength });
  }
  return t("validation.pattern");
}

/** A field's own message after a local check, cleared as soon as it changes (for an input not made with the fields below). */
export function useLocalCheck() {
  const { t } = useTranslation();
  const [message, setMessage] = useState<string | undefined>(undefined);
  return {
    message,
    clear: () => setMessage(undefined),
    onInvalid: (event: InvalidEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => {
      // No bubble from the browser, whatever the form says; our message instead.
      event.preventDefault();
      setMessage(localValidityMessage(t, event.currentTarget));
    },
  };
}

function Wrapper({ id, label, error, hint, required, children }: Common & { id: string; children: ReactNode }) {
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

function described(id: string, error?: string, hint?: string) {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return { "aria-describedby": ids || undefined, "aria-invalid": error ? true : undefined };
}

export function TextField(
  props: Common & {
    value: string;
    onChange: (value: string) => void;
    type?: "text" | "email" | "password" | "tel" | "search" | "date";
    autoComplete?: string;
    inputMode?: "numeric" | "decimal" | "text";
    maxLength?: number;
    pattern?: string;
    autoFocus?: boolean;
  },
) {
  const id = useId();
  const local = useLocalCheck();
  const error = props.error ?? local.message;
  return (
    <Wrapper {...props} error={error} id={id}>
      <input
        id={id}
        name={props.name}
        type={props.type ?? "text"}
        value={props.value}
        onInvalid={local.onInvalid}
        onChange={(e) => {
          local.clear();
          props.onChange(e.target.value);
        }}
        required={props.required}
        disabled={props.disabled}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        maxLength={props.maxLength}
        pattern={props.pattern}
        autoFocus={props.autoFocus}
        data-testid={props.testId}
        {...described(id, error, props.hint)}
      />
    </Wrapper>
  );
}

export function NumberField(props: Common & { value: number; onChange: (value: number) => void; min?: number; max?: number; step?: number }) {
  const id = useId();
  const local = useLocalCheck();
  const error = props.error ?? local.message;
  return (
    <Wrapper {...props} error={error} id={id}>
      <input
        id={id}
        name={props.name}
        type="number"
        className="input-number"
        value={Number.isFinite(props.value) ? props.value : ""}
        onInvalid={local.onInvalid}
        onChange={(e) => {
          local.clear();
          props.onChange(e.target.valueAsNumber);
        }}
        min={props.min}
        max={props.max}
        step={props.step ?? 1}
        required={props.required}
        disabled={props.disabled}
        data-testid={props.testId}
        {...described(id, error, props.hint)}
      />
    </Wrapper>
  );
}

export function TextAreaField(props: Common & { value: string; onChange: (value: string) => void; rows?: number; monospace?: boolean }) {
  const id = useId();
  const local = useLocalCheck();
  const error = props.error ?? local.message;
  return (
    <Wrapper {...props} error={error} id={id}>
      <textarea
        id={id}
        name={props.name}
        value={props.value}
        rows={props.rows ?? 4}
        className={props.monospace ? "mono" : undefined}
        spellCheck={props.monospace ? false : undefined}
        onInvalid={local.onInvalid}
        onChange={(e) => {
          local.clear();
          props.onChange(e.target.value);
        }}
        required={props.required}
        disabled={props.disabled}
        data-testid={props.testId}
        {...described(id, error, props.hint)}
      />
    </Wrapper>
  );
}

export function SelectField<V extends string>(props: Common & { value: V; onChange: (value: V) => void; options: readonly { value: V; label: string }[] }) {
  const id = useId();
  return (
    <Wrapper {...props} id={id}>
      <select
        id={id}
        name={props.name}
        value={props.value}
        onChange={(e) => {
          const found = props.options.find((o) => o.value === e.target.value);
          if (found) {
            props.onChange(found.value);
          }
        }}
        required={props.required}
        disabled={props.disabled}
        data-testid={props.testId}
        {...described(id, props.error, props.hint)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Wrapper>
  );
}

export function CheckboxField(props: Omit<Common, "label"> & { label: ReactNode; checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId();
  const local = useLocalCheck();
  const error = props.error ?? local.message;
  return (
    <div className={`field field-check${error ? " field-invalid" : ""}`}>
      <input
        id={id}
        name={props.name}
        type="checkbox"
        checked={props.checked}
        onInvalid={local.onInvalid}
        onChange={(e) => {
          local.clear();
          props.onChange(e.target.checked);
        }}
        required={props.required}
        disabled={props.disabled}
        data-testid={props.testId}
        {...described(id, error, props.hint)}
      />
      <label htmlFor={id}>{props.label}</label>
      {props.hint ? (
        <p className="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A local date and time (<input type="datetime-local">), read in the processor's zone by the caller
 * (lib/zoned.ts); the hint should say so.
 */
export function DateTimeField(props: Common & { value: string; onChange: (value: string) => void }) {
  const id = useId();
  const local = useLocalCheck();
  const error = props.error ?? local.message;
  return (
    <Wrapper {...props} error={error} id={id}>
      <input
        id={id}
        name={props.name}
        type="datetime-local"
        value={props.value}
        onInvalid={local.onInvalid}
        onChange={(e) => {
          local.clear();
          props.onChange(e.target.value);
        }}
        required={props.required}
        disabled={props.disabled}
        data-testid={props.testId}
        {...described(id, error, props.hint)}
      />
    </Wrapper>
  );
}
