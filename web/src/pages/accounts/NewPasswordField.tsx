import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type * as PolicyModule from "../../../../src/domain/password-policy.ts";
import type { PasswordVerdict } from "../../../../src/domain/password-policy.ts";
import { useLang } from "../../lib/useLang";
import { localValidityMessage } from "../../components/fields";

type Policy = typeof PolicyModule;

// The server's own password policy (src/domain/password-policy.ts), loaded when a form needs it: its
// dictionaries are large, and only these pages use them.
let loading: Promise<Policy> | null = null;
const loadPolicy = () => (loading ??= import("../../../../src/domain/password-policy.ts"));

/**
 * A new password with its strength shown while typing, judged by the same function the server
 * applies (so what the meter accepts, the server accepts). The server's message for the field wins.
 */
export function NewPasswordField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The user's own name and address: a password made of them is easy to guess. */
  personal: readonly string[];
  error?: string | undefined;
  testId: string;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const id = useId();
  const [policy, setPolicy] = useState<Policy | null>(null);
  const [shown, setShown] = useState(false);
  // The app's own message when the form's local check finds the field empty (no browser bubble).
  const [localMessage, setLocalMessage] = useState<string | undefined>(undefined);
  useEffect(() => {
    void loadPolicy().then(setPolicy);
  }, []);
  const verdict: PasswordVerdict | null = policy && props.value ? policy.judgePassword(props.value, props.personal) : null;
  const problem = verdict && policy ? policy.passwordProblemText(verdict)?.[lang] : null;
  const advice = verdict && policy && !verdict.ok ? policy.passwordAdvice(verdict, lang) : [];
  const tone = !verdict ? "" : verdict.ok ? (verdict.score === 4 ? "strong" : "good") : "weak";
  const error = props.error ?? localMessage;
  const feedback = error ?? problem ?? null;
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>
        {props.label}
        <span aria-hidden="true"> *</span>
      </label>
      <p className="hint" id={`${id}-hint`}>
        {t("accounts.password.rules")}
      </p>
      <div className="password-input">
        <input
          id={id}
          type={shown ? "text" : "password"}
          value={props.value}
          onChange={(e) => {
            setLocalMessage(undefined);
            props.onChange(e.target.value);
          }}
          onInvalid={(e) => {
            e.preventDefault();
            setLocalMessage(localValidityMessage(t, e.currentTarget));
          }}
          autoComplete="new-password"
          required
          maxLength={200}
          autoFocus={props.autoFocus}
          data-testid={props.testId}
          aria-describedby={`${id}-hint ${id}-meter${feedback ? ` ${id}-error` : ""}`}
          aria-invalid={error ? true : undefined}
        />
        <button type="button" className="btn btn-link" onClick={() => setShown(!shown)} aria-pressed={shown}>
          {shown ? t("accounts.password.hide") : t("accounts.password.show")}
        </button>
      </div>
      <div className="password-meter" id={`${id}-meter`} aria-live="polite" data-testid={`${props.testId}-meter`} data-ok={verdict?.ok ? "yes" : "no"}>
        <meter min={0} max={4} low={2} high={3} optimum={4} value={verdict ? verdict.score : 0} aria-label={t("accounts.password.strength")} className={tone} />
        <span className="small">
          {t("accounts.password.strength")}: {verdict ? t(`accounts.password.scores.s${verdict.score}`) : "—"}
        </span>
      </div>
      {feedback ? (
        <p className={error ? "field-error" : "hint"} id={`${id}-error`} data-testid={`${props.testId}-problem`}>
          {feedback}
        </p>
      ) : null}
      {advice.length > 0 ? (
        <ul className="hint small">
          {advice.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
