// The one way an action answers a refusal from a module (an AppError: a French message and its status code):
// the page's own payload with that status, so the form shows the message where it belongs. Anything else is
// not the member's doing: it is thrown on, to the error page and the log, never shown.
import { data } from "react-router";
import { AppError } from "../shared/app-error.ts";

export function appErrorAnswer<T>(error: unknown, payload: (refusal: AppError) => T) {
  if (!(error instanceof AppError)) throw error;
  return data(payload(error), { status: error.status });
}
