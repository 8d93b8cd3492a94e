import { ErrorMessage } from "../components/error-message.tsx";
import { notFound } from "../guards.server.ts";
import type { Route } from "./+types/not-found";

export function loader(_args: Route.LoaderArgs) {
  return notFound();
}

export const meta: Route.MetaFunction = () => [{ title: "Page introuvable" }];

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <ErrorMessage status={404} />;
}
