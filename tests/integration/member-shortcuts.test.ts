// Issue 20, item 14: the source document's shortcuts — beside Mes remboursements, the hint on the RIB page,
// and the footer's links to the main sections.
import { describe, expect, test } from "../support/fixtures.ts";
import { TestClient, visibleText } from "../support/http-client.ts";

const link = (html: string, href: string, text: string) =>
  new RegExp(`<a[^>]*href="${href.replace(/[/?]/g, "\\$&")}"[^>]*>(?:(?!</a>)[\\s\\S])*${text}`).test(html);

describe("the document's shortcuts", () => {
  test("offers a claim and the bank details beside the list of reimbursements", async ({ member: benoit }) => {
    const html = await (await benoit.get("/remboursements")).text();
    expect(link(html, "/demandes/nouvelle", "Faire une demande de remboursement")).toBe(true);
    expect(link(html, "/ma-mutuelle/coordonnees-bancaires", "Mes coordonnées bancaires")).toBe(true);
  });

  test("points the RIB page to Mon compte for a change of situation", async ({ member: benoit }) => {
    const html = await (await benoit.get("/ma-mutuelle/coordonnees-bancaires")).text();
    expect(visibleText(html)).toMatch(
      /Un changement de situation \? Vous pouvez aussi modifier vos coordonnées depuis la rubrique « Mon compte » ?\./,
    );
    expect(link(html, "/mon-compte", "Mon compte")).toBe(true);
  });

  test("links the main sections from every member page's footer, not from the sign-in page's", async ({
    server,
    member: benoit,
  }) => {
    for (const path of ["/", "/remboursements", "/documents"]) {
      const html = await (await benoit.get(path)).text();
      const footer = html.slice(html.indexOf("<footer"));
      expect(footer, path).toContain('aria-label="Rubriques principales"');
      for (const [href, text] of [
        ["/ma-mutuelle", "Ma mutuelle"],
        ["/remboursements", "Prestations"],
        ["/messagerie", "Messagerie"],
        ["/mon-compte", "Mon compte"],
      ]) {
        expect(link(footer, href!, text!), `${path} ${text}`).toBe(true);
      }
    }
    const signIn = await (await new TestClient(server.baseUrl).get("/connexion")).text();
    expect(signIn.slice(signIn.indexOf("<footer"))).not.toContain("Rubriques principales");
  });
});
