// React Router is patched (patches/react-router+8.4.0.patch, docs/decisions/0010) to remember which route a
// path matched and to build the server's route objects once per build. These tests hold the patched matcher to
// the library's own unpatched `matchRoutes` on every route of the app, check that a reloaded route module is
// rendered anew, and fail if the patch was not applied.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { RouteConfigEntry } from "@react-router/dev/routes";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import {
  createStaticHandler,
  createStaticRouter,
  type EntryContext,
  matchRoutes,
  type RouteObject,
  ServerRouter,
  type StaticHandlerContext,
} from "react-router";
import { describe, expect, it } from "vitest";
import routeConfig from "./routes.ts";

function toRouteObjects(entries: RouteConfigEntry[]): RouteObject[] {
  return entries.map((entry) =>
    entry.index
      ? { id: entry.file, index: true }
      : { id: entry.file, path: entry.path, children: entry.children ? toRouteObjects(entry.children) : undefined },
  );
}
const appRoutes: RouteObject[] = [{ id: "root", path: "", children: toRouteObjects(routeConfig) }];

function pathsOf(entries: RouteConfigEntry[], parent = ""): string[] {
  return entries.flatMap((entry) => {
    const path = entry.path === undefined ? parent : `${parent}/${entry.path}`;
    const concrete = path
      .replace(/:year/g, "2026")
      .replace(/:[A-Za-z]+/g, "0d9f3c2e-4b1a-4c5d-9e8f-7a6b5c4d3e2f")
      .replace(/\*$/, "page/inconnue");
    return [concrete || "/", ...(entry.children ? pathsOf(entry.children, path) : [])];
  });
}
const samplePaths = [
  ...new Set([
    ...pathsOf(routeConfig),
    "/",
    "/REMBOURSEMENTS",
    "/remboursements/",
    "/remboursements/synthese/",
    "/remboursements/%C3%A9t%C3%A9",
    "/demandes/nouvelle/fichiers/abc",
    "/documents/carte-tiers-payant/2026/pdf",
    "/documents/carte-tiers-payant/2026/autre",
    "/nulle/part/ici",
    "/back-office/adherents/10000001",
    // Longer than the 256 characters the patch remembers: matched every time, never stored.
    `/remboursements/${"a".repeat(300)}`,
    `/${"b".repeat(300)}/c`,
  ]),
];

const summary = (
  matches: { route: { id?: string }; params: object; pathname: string; pathnameBase: string }[] | null,
) =>
  matches?.map((m) => ({
    id: m.route.id,
    params: { ...m.params },
    pathname: m.pathname,
    pathnameBase: m.pathnameBase,
  })) ?? null;

async function matchedByHandler(handler: ReturnType<typeof createStaticHandler>, path: string) {
  const context = (await handler.query(new Request(`http://localhost${path}`))) as StaticHandlerContext;
  return summary(context.matches);
}

describe("route matching (patched React Router)", () => {
  it("matches every route of the app as the unpatched matcher does, the first time and from memory", async () => {
    expect(samplePaths.length).toBeGreaterThan(60);
    const handler = createStaticHandler(appRoutes);
    for (const round of ["first", "remembered"]) {
      for (const path of round === "first" ? samplePaths : [...samplePaths].reverse()) {
        const expected = summary(matchRoutes(appRoutes, path));
        expect(expected, path).not.toBeNull();
        expect(await matchedByHandler(handler, path), `${round}: ${path}`).toEqual(expected);
      }
    }
  });

  it("sends the dashboard, a static page and a detail page to the right route", async () => {
    const handler = createStaticHandler(appRoutes);
    for (let i = 0; i < 2; i++) {
      expect((await matchedByHandler(handler, "/"))?.at(-1)?.id).toBe("routes/accueil.tsx");
      expect((await matchedByHandler(handler, "/aide-contact"))?.at(-1)?.id).toBe("routes/aide-contact.tsx");
      const detail = (await matchedByHandler(handler, "/remboursements/0d9f3c2e-4b1a-4c5d-9e8f-7a6b5c4d3e2f"))?.at(-1);
      expect(detail).toMatchObject({
        id: "routes/remboursement-detail.tsx",
        params: { id: "0d9f3c2e-4b1a-4c5d-9e8f-7a6b5c4d3e2f" },
      });
      const other = (await matchedByHandler(handler, "/remboursements/11111111-2222-4333-8444-555555555555"))?.at(-1);
      expect(other?.params).toEqual({ id: "11111111-2222-4333-8444-555555555555" });
      expect((await matchedByHandler(handler, "/nulle/part"))?.at(-1)?.id).toBe("routes/not-found.tsx");
    }
  });

  it("keeps its memory of paths bounded when every path is new", async () => {
    const handler = createStaticHandler(appRoutes);
    for (let i = 0; i < 2_500; i++) {
      const id = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
      expect((await matchedByHandler(handler, `/remboursements/${id}`))?.at(-1)?.params).toEqual({ id });
    }
    expect((await matchedByHandler(handler, "/"))?.at(-1)?.id).toBe("routes/accueil.tsx");
  });

  it("builds the static router's data routes once per route tree", async () => {
    const handler = createStaticHandler(appRoutes);
    const context = (await handler.query(new Request("http://localhost/"))) as StaticHandlerContext;
    const first = createStaticRouter(handler.dataRoutes, context);
    const second = createStaticRouter(handler.dataRoutes, context);
    expect(second.routes).toBe(first.routes);
    expect(second.state.matches.map((m) => m.route.id)).toEqual(first.state.matches.map((m) => m.route.id));
  });

  it("renders a route module reloaded under the same manifest (development) with its new component", async () => {
    const staticHandlerContext = (await createStaticHandler([{ id: "root", path: "/" }]).query(
      new Request("http://localhost/"),
    )) as StaticHandlerContext;
    const manifest = {
      routes: {
        root: {
          id: "root",
          path: "/",
          hasLoader: false,
          hasAction: false,
          hasClientLoader: false,
          hasClientAction: false,
          hasClientMiddleware: false,
          hasErrorBoundary: false,
          module: "/root.js",
        },
      },
      entry: { module: "/entry.js", imports: [] },
      url: "/manifest.js",
      version: "1",
    };
    const render = (text: string) => {
      const context = {
        manifest,
        routeModules: { root: { default: () => text } },
        staticHandlerContext,
        future: {},
        ssr: true,
        isSpaMode: false,
        routeDiscovery: { mode: "initial" },
      };
      return renderToString(
        createElement(ServerRouter, { context: context as unknown as EntryContext, url: "http://localhost/" }),
      );
    };
    expect(render("première version")).toContain("première version");
    expect(render("première version")).toContain("première version");
    expect(render("version rechargée")).toContain("version rechargée");
  });

  it("runs the patched files in both of React Router's builds", () => {
    const root = dirname(createRequire(import.meta.url).resolve("react-router/package.json"));
    for (const build of ["production", "development"]) {
      for (const file of ["lib/router/utils.js", "lib/dom/ssr/server.js", "lib/dom/server.js"]) {
        expect(readFileSync(join(root, "dist", build, file), "utf8"), `${build}/${file}`).toContain(
          "espace-adherent patch (docs/decisions/0010)",
        );
      }
    }
  });
});
