import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createMailer } from "./mailer.server.ts";

describe("mailer without SMTP_URL", () => {
  it("writes each mail as an .eml file in the outbox", async () => {
    const outboxDir = join(mkdtempSync(join(tmpdir(), "mail-")), "outbox");
    const mailer = createMailer({ from: "Mutuelle <noreply@mutuelle.example>", outboxDir });
    await mailer.send({
      to: "benoit@example.com",
      subject: "Votre demande est reçue",
      text: "Bonjour Benoit, référence DR-1.",
    });
    await mailer.send({ to: "sarah@example.com", subject: "Deuxième", text: "Texte" });
    const files = readdirSync(outboxDir).filter((f) => f.endsWith(".eml"));
    expect(files).toHaveLength(2);
    const first = files
      .map((f) => readFileSync(join(outboxDir, f), "utf8"))
      .find((m) => m.includes("benoit@example.com"));
    expect(first).toContain("To: benoit@example.com");
    expect(first).toContain("From: Mutuelle <noreply@mutuelle.example>");
    expect(first).toMatch(/Subject: =\?UTF-8\?|Subject: Votre demande/);
  });
});
