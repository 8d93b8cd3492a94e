// Runs once per integration project: prepares a migrated, seeded database that each test file copies.
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../app/modules/db/client.server.ts";
import { runMigrations } from "../../app/modules/db/migrate.server.ts";
import { seedDemoData } from "../../app/modules/demo/seed.server.ts";
import { testClock } from "./clock.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync("build/server/index.js")) {
    throw new Error("build/server/index.js is missing: run `npm test` (it builds first) or `npx react-router build`.");
  }
  // The suites drive the built server: a build older than the code would test yesterday's portal.
  const stale = newerThan(statSync("build/server/index.js").mtimeMs, [
    "app",
    "server",
    "react-router.config.ts",
    "vite.config.ts",
    "scripts/vite",
  ]);
  if (stale) {
    throw new Error(
      `${stale} is newer than build/server/index.js: run \`npx react-router build\` (npm test builds first).`,
    );
  }
  const kind = project.config.env?.TEST_DB;
  if (kind === "postgres") return setupPostgres(project);

  const dir = await mkdtemp(join(tmpdir(), "espace-pglite-"));
  const pglite = await PGlite.create();
  const database = await openDatabase({ pglite });
  await runMigrations(database);
  await seedDemoData(database.db, testClock);
  const dump = await pglite.dumpDataDir("none");
  const file = join(dir, "template.tar");
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
  project.provide("pgliteTemplate", file);
  return () => rm(dir, { recursive: true, force: true });
}

async function setupPostgres(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL!;
  const template = `espace_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${template}`);
  await admin.query(`create database ${template}`);
  const url = new URL(adminUrl);
  url.pathname = `/${template}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolMax: 2 });
  await runMigrations(database);
  await seedDemoData(database.db, testClock);
  await database.close();
  project.provide("postgresTemplate", template);
  return async () => {
    // Drop the template and every per-file copy made from it.
    const { rows } = await admin.query<{ datname: string }>("select datname from pg_database where datname like $1", [
      `${template}%`,
    ]);
    for (const row of rows.filter((r) => r.datname !== template))
      await admin.query(`drop database if exists ${row.datname} with (force)`);
    await admin.query(`drop database if exists ${template} with (force)`);
    await admin.end();
  };
}

/** The first file under `paths` changed after `builtAt`, if any (tests and type files do not count). */
function newerThan(builtAt: number, paths: string[]): string | null {
  for (const path of paths) {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) continue;
    if (stat.isDirectory()) {
      if (path.endsWith("+types")) continue;
      const found = newerThan(
        builtAt,
        readdirSync(path).map((name) => join(path, name)),
      );
      if (found) return found;
    } else if (stat.mtimeMs > builtAt && !/\.test\.tsx?$/.test(path)) {
      return path;
    }
  }
  return null;
}
