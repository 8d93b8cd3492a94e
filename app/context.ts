// What the server hands each loader and action, through React Router's typed context.
import { createContext } from "react-router";
import type { Viewer } from "./modules/accounts/viewer.server.ts";
import type { AppServices } from "./services.server.ts";

export interface RequestInfo {
  /** Tells the request log which route pattern answered (logged instead of the path and its values). */
  routePattern: (pattern: string) => void;
  /** Client address as Express resolved it (TRUST_PROXY decides whether X-Forwarded-For counts). */
  ip: string;
  /** Per-response CSP nonce for inline scripts and styles. */
  nonce: string;
  /** The signed-in person, resolved at most once per request. */
  viewer: () => Promise<Viewer | null>;
  /** Adds a cookie to the response, whatever the page returns (the form draft's owner cookie). */
  setCookie: (cookie: string) => void;
}

export const servicesContext = createContext<AppServices>();
export const requestContext = createContext<RequestInfo>();
