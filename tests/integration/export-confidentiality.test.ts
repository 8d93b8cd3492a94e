// The holder's "Télécharger mes données" archive respects a beneficiary's confidentiality of care and keeps
// out what the beneficiary wrote from their own access (found by the security review of 2026-12-02: the
// archive read the whole household by id alone).
import { and, eq, ne } from "drizzle-orm";
import { expect, test } from "../support/fixtures.ts";
import yauzl from "yauzl";
import { household, person } from "../../app/modules/households/schema.ts";
import { message, messageThread } from "../../app/modules/messaging/schema.ts";
import { dataExport } from "../../app/modules/personal-data/schema.ts";
import { reimbursementLine } from "../../app/modules/reimbursements/schema.ts";
import { demo } from "../support/http-client.ts";

async function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, z) => {
      if (error) reject(error);
      else resolve(z);
    });
  });
  const entries = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error) {
          reject(error);
          return;
        }
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => {
          chunks.push(chunk);
        });
        stream.on("end", () => {
          entries.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.on("end", resolve);
    zip.on("error", reject);
    zip.readEntry();
  });
  return entries;
}

test("gives the holder only the amounts paid for a confidential beneficiary, and none of their own threads", async ({
  server,
  member: benoit,
}) => {
  const { db } = server.services;
  const [home] = await db
    .select({ id: household.id })
    .from(household)
    .where(eq(household.memberNumber, demo.benoit.number));
  const lines = await db.select().from(reimbursementLine).where(eq(reimbursementLine.householdId, home!.id));
  const others = await db
    .select()
    .from(person)
    .where(and(eq(person.householdId, home!.id), ne(person.role, "member")));
  const target = others.find((p) => lines.some((l) => l.beneficiaryId === p.id && l.professionalName))!;
  const theirs = lines.filter((l) => l.beneficiaryId === target.id);
  await db.update(person).set({ careConfidential: true }).where(eq(person.id, target.id));
  const [thread] = await db
    .insert(messageThread)
    .values({
      householdId: home!.id,
      personId: target.id,
      category: "autre",
      subject: "Fil privé",
      startedBy: "member",
    })
    .returning({ id: messageThread.id });
  await db.insert(message).values({ threadId: thread!.id, author: "member", body: "Message privé de la bénéficiaire" });

  expect((await benoit.post("/mon-compte/donnees-personnelles", { intent: "export" })).status).toBe(302);
  // Prepared in the background: wait for it (a generous ceiling, not a time budget).
  let ready: typeof dataExport.$inferSelect | undefined;
  for (let i = 0; i < 1200 && ready?.status !== "ready"; i++) {
    [ready] = await db.select().from(dataExport).where(eq(dataExport.householdId, home!.id));
    if (ready?.status !== "ready") await new Promise((r) => setTimeout(r, 100));
  }
  expect(ready?.status).toBe("ready");
  const response = await benoit.get(`/mon-compte/donnees-personnelles/archive/${ready!.id}`);
  expect(response.status).toBe(200);
  const files = await unzip(Buffer.from(await response.arrayBuffer()));

  const paid = JSON.parse(files.get("donnees/remboursements.json")!.toString()) as {
    beneficiaryRef: string;
    careType: string;
    professionalName: string | null;
    guaranteeLabel: string | null;
    amcCents: number;
  }[];
  const hers = paid.filter((r) => r.beneficiaryRef === target.externalRef);
  expect(hers).toHaveLength(theirs.length); // the amounts stay
  for (const line of hers) {
    expect(line.careType).toBe("confidentiel");
    expect(line.professionalName).toBeNull();
    expect(line.guaranteeLabel).toBeNull();
  }
  const everything = [...files.entries()]
    .filter(([name]) => name.endsWith(".json"))
    .map(([, bytes]) => bytes.toString())
    .join("\n");
  // Her professionals appear nowhere, unless someone else of the household saw them too.
  const seenByOthers = new Set(lines.filter((l) => l.beneficiaryId !== target.id).map((l) => l.professionalName));
  for (const line of theirs)
    if (line.professionalName && !seenByOthers.has(line.professionalName))
      expect(everything).not.toContain(line.professionalName);
  expect(everything).not.toContain("Message privé de la bénéficiaire");
  expect(everything).not.toContain("Fil privé");
});
