// Server rendering. We wait for the whole page (onAllReady) and send it in one piece: members get a
// complete page even without JavaScript, and one buffer costs the server less than many small chunks.
import { Writable } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import type { EntryContext, RouterContextProvider } from "react-router";
import { ServerRouter } from "react-router";
import { NonceProvider } from "./components/nonce.tsx";
import { requestContext, servicesContext } from "./context.ts";
import { errorSummary } from "./modules/shared/logger.server.ts";
import { pathWithoutValues } from "./modules/http/log-path.ts";

export const streamTimeout = 10_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: RouterContextProvider,
) {
  const { nonce } = loadContext.get(requestContext);
  return new Promise<Response>((resolve, reject) => {
    let status = responseStatusCode;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onAllReady() {
          // React writes the document in many small chunks: gathered here into one buffer, it reaches the
          // socket (and the compressor) in one write instead of dozens.
          const chunks: Buffer[] = [];
          const sink = new Writable({
            write(chunk: Buffer, _encoding, done) {
              chunks.push(chunk);
              done();
            },
          });
          sink.on("finish", () => {
            clearTimeout(timer);
            responseHeaders.set("Content-Type", "text/html; charset=utf-8");
            const html = Buffer.concat(chunks);
            resolve(new Response(status >= 400 ? errorTitled(html) : html, { headers: responseHeaders, status }));
          });
          pipe(sink);
        },
        onShellError(error) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error) {
          status = 500;
          // Logged once here; the member sees the error boundary's French message, never this.
          if (request.signal.aborted) return;
          loadContext.get(servicesContext).logger.error({ event: "render_error", err: errorSummary(error) });
        },
      },
    );
    // Cleared once the page is written: left running, each timer kept its whole render (the document's
    // strings, the request and its response) alive for 11 seconds after the answer, about 30 KB a page
    // view held, hundreds of megabytes under load.
    const timer = setTimeout(abort, streamTimeout + 1000);
  });
}

/**
 * A page answered with an error status (a form sent back with its errors, a page not found) says so in its
 * title, the first thing a screen reader announces (RGAA 8.6): "Erreur – …". The browser's copy does the
 * same after a submission handled without reloading (components/route-announcer.tsx).
 */
function errorTitled(html: Buffer<ArrayBuffer>): Buffer<ArrayBuffer> {
  const text = html.toString("utf8");
  const titled = text.replace(/<title>(?!Erreur – )/, "<title>Erreur – ");
  return titled === text ? html : Buffer.from(titled, "utf8");
}

export function handleError(
  error: unknown,
  { request, context }: { request: Request; context?: RouterContextProvider },
) {
  if (request.signal.aborted) return;
  // Without a context (the failure came before it existed) there is no logger: let Express's handler log it.
  context?.get(servicesContext).logger.error({
    event: "route_error",
    path: pathWithoutValues(new URL(request.url).pathname),
    err: errorSummary(error),
  });
}
