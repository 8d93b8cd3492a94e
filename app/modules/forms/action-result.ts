// The one shape an action answers a form with when the page stays (a refusal, or a change shown in place): every
// page reads the same keys, so its error summary, its fields and its notice are filled the same way.
import { data } from "react-router";

export interface ActionResult {
  /** One French message per field, keyed by the field's name: shown beside it and linked from the summary. */
  fieldErrors: Record<string, string>;
  /** A message about the whole form that no single field explains (a refusal, a limit): a line of the summary. */
  formError: string | null;
  /** What was typed, to show back in the fields. */
  values: Record<string, string>;
  /** What was done, when the page stays instead of redirecting (role="status"). */
  notice: string | null;
}

/** The shape with what is given, the rest empty; `extra` holds a page's own data (a preview, an estimate). */
export function actionResult<Extra extends object = object>(
  parts: Partial<ActionResult> = {},
  extra?: Extra,
): ActionResult & Extra {
  // A part given as undefined keeps its empty default (a page reads fieldErrors.x without a fallback).
  const given = Object.fromEntries(Object.entries(parts).filter(([, value]) => value !== undefined));
  return { fieldErrors: {}, formError: null, values: {}, notice: null, ...given, ...(extra as Extra) };
}

/** A refused form: the shape and its status (400 for what was typed; 409, 413, 429… as the refusal says). */
export function actionFailure<Extra extends object = object>(
  status: number,
  parts: Partial<ActionResult>,
  extra?: Extra,
) {
  return data(actionResult(parts, extra), { status });
}
