import { z } from "zod";
import { describe, expect, it } from "vitest";
import { articleSchema } from "./article-form.ts";
import { demoHelpArticles } from "./demo-articles.ts";
import { renderMarkdown, searchableText } from "./markdown.ts";
import { foldAccents } from "./text.ts";

describe("renderMarkdown", () => {
  it("renders lists, emphasis and site links; a level-1 heading as h2 (the page's title is the h1)", () => {
    const html = renderMarkdown("# Titre\n\n## Étapes\n\n1. Ouvrez [la page](/demandes/nouvelle)\n2. **Validez**");
    expect(html).toContain("<h2>Titre</h2>");
    expect(html).toContain("<h2>Étapes</h2>");
    expect(html).toContain('<a href="/demandes/nouvelle">la page</a>');
    expect(html).toContain("<strong>Validez</strong>");
  });

  it("never lets HTML, scripts or dangerous links through", () => {
    const attempts = [
      "<script>alert(1)</script>",
      '<img src=x onerror="alert(1)">',
      "[clic](javascript:alert(1))",
      "[clic](JAVASCRIPT:alert(1))",
      "[clic](  javascript:alert(1))",
      "[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
      "[clic](vbscript:msgbox(1))",
      "[clic](//evil.example/x)",
      "![x](javascript:alert(1))",
      '![x" onerror="alert(1)](/aide/illustrations/00000000-0000-4000-8000-000000000000)',
      "<a href='javascript:alert(1)'>x</a>",
      "<iframe src=//evil.example></iframe>",
      "[x](http://insecure.example)",
    ];
    for (const markdown of attempts) {
      const html = renderMarkdown(markdown);
      expect(html, markdown).not.toMatch(/<(script|iframe)/i);
      expect(html, markdown).not.toMatch(/href="(javascript|data|vbscript|\/\/|http:)/i);
      expect(html, markdown).not.toMatch(/\son\w+="/i);
    }
    expect(renderMarkdown("<script>alert(1)</script>")).toContain("&lt;script&gt;");
  });

  it("shows only the help centre's own illustrations; another image becomes its text", () => {
    const own = renderMarkdown(
      "![La page Mes remboursements](/aide/illustrations/0f8fad5b-d9cb-469f-a165-70867728950e)",
    );
    expect(own).toContain(
      '<img src="/aide/illustrations/0f8fad5b-d9cb-469f-a165-70867728950e" alt="La page Mes remboursements"',
    );
    const other = renderMarkdown("![Un pixel espion](https://tracker.example/p.png)");
    expect(other).not.toContain("<img");
    expect(other).toContain("Un pixel espion");
  });

  it("marks external links noopener", () => {
    expect(renderMarkdown("[ameli](https://www.ameli.fr)")).toContain('rel="noopener noreferrer"');
  });
});

describe("search text", () => {
  it("folds accents, case and ligatures, and drops the Markdown syntax", () => {
    expect(foldAccents("Œil, ÉTÉ, déjà")).toBe("oeil, ete, deja");
    expect(searchableText("## Être **remboursé**\n\n[Mes démarches](/demandes)")).toBe("etre rembourse mes demarches");
  });
});

describe("demo articles", () => {
  it("are a dozen or more valid articles with distinct addresses", () => {
    expect(demoHelpArticles.length).toBeGreaterThanOrEqual(12);
    for (const a of demoHelpArticles) expect(articleSchema.safeParse(a).success, a.slug).toBe(true);
    expect(new Set(demoHelpArticles.map((a) => a.slug)).size).toBe(demoHelpArticles.length);
  });
});

describe("articleSchema", () => {
  it("refuses a bad address, an unknown theme or page, in French", () => {
    const r = articleSchema.safeParse({
      ...demoHelpArticles[0],
      slug: "Mon Article",
      theme: "autre",
      pages: ["nulle-part"],
    });
    const errors = z.flattenError(r.error!).fieldErrors;
    expect(errors.slug?.[0]).toContain("minuscules");
    expect(errors.theme?.[0]).toBe("Choisissez un thème.");
    expect(errors.pages?.[0]).toBe("Cette page n'existe pas.");
  });
});
