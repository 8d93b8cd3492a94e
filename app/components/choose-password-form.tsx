// The form that sets a password from an e-mailed link: "Mot de passe oublié" (a new password) and the
// activation of a new member's space (their first password) share it, each with its own words.
import type { ReactNode } from "react";
import { Form } from "react-router";
import { AccessibilityMention } from "./accessibility-mention.tsx";
import { ErrorSummary } from "./error-summary.tsx";
import { FormField } from "./form-field.tsx";

export function ChoosePasswordForm(props: {
  title: string;
  intro?: ReactNode;
  token: string;
  minLength: number;
  passwordLabel: string;
  /** The refusal of the action: a field and its French message. */
  refusal: { field: string; error: string } | undefined;
  /** Shown after a refused link's message. */
  tokenHelp: ReactNode;
  submitLabel: string;
}) {
  const errorFor = (name: string) => (props.refusal?.field === name ? props.refusal.error : undefined);
  return (
    <>
      <main id="contenu" className="page sign-in__card forgotten">
        <h1>{props.title}</h1>
        {props.refusal?.field === "token" ? (
          <div className="alert alert--error" role="alert">
            {props.refusal.error} {props.tokenHelp}
          </div>
        ) : null}
        {props.intro}
        <Form method="post" noValidate>
          <ErrorSummary
            errors={{ newPassword: errorFor("newPassword"), confirmPassword: errorFor("confirmPassword") }}
          />
          <input type="hidden" name="jeton" value={props.token} />
          <FormField
            name="newPassword"
            type="password"
            label={props.passwordLabel}
            hint={`Au moins ${props.minLength} caractères ; les mots de passe trop connus sont refusés.`}
            autoComplete="new-password"
            error={errorFor("newPassword")}
            required
          />
          <FormField
            name="confirmPassword"
            type="password"
            label={`${props.passwordLabel}, une seconde fois`}
            autoComplete="new-password"
            error={errorFor("confirmPassword")}
            required
          />
          <button type="submit" className="button button--primary button--wide">
            {props.submitLabel}
          </button>
        </Form>
      </main>
      <footer className="sign-in__footer">
        <AccessibilityMention />
      </footer>
    </>
  );
}
