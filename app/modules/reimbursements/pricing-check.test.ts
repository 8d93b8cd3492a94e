import { describe, expect, it } from "vitest";
import { pricingCheckView } from "./pricing-check.ts";

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("pricingCheckView", () => {
  it("flags a difference with its arithmetic, either way, and says the amount paid stands", () => {
    const more = pricingCheckView("differs", { engineAmcCents: 900, steps: ["a", "b"] }, 1100);
    expect(more.flagged).toBe(true);
    expect(more.steps).toEqual(["a", "b"]);
    expect(plain(more.text)).toBe(
      "Écart à vérifier : le moteur de garanties calcule 9,00 €, la mutuelle a versé 11,00 € (11,00 € − 9,00 € = 2,00 €, versé en plus). Le montant versé n'est pas modifié.",
    );
    const less = pricingCheckView("differs", { engineAmcCents: 126000 }, 0);
    expect(plain(less.text)).toContain("(0,00 € − 1 260,00 € = −1 260,00 €, versé en moins)");
  });

  it("a line flagged for a legal input (class I aid's price limit) says why, even when the amounts agree", () => {
    const reason = "prix limite de vente transmis 950,00 €, différent du prix légal";
    const same = pricingCheckView("differs", { engineAmcCents: 56000, reason }, 56000);
    expect(same.flagged).toBe(true);
    expect(plain(same.text)).toBe(
      `À vérifier : ${reason}. Le moteur de garanties calcule le montant versé, 560,00 €. Le montant versé n'est pas modifié.`,
    );
    const gap = pricingCheckView("differs", { engineAmcCents: 56000, reason }, 11000);
    expect(plain(gap.text)).toContain(
      `À vérifier : ${reason}. Écart à vérifier : le moteur de garanties calcule 560,00 €`,
    );
  });

  it("names the other outcomes without flagging them", () => {
    expect(pricingCheckView("matches", null, 900)).toMatchObject({ flagged: false, steps: [] });
    expect(pricingCheckView("notComputed", { reason: "ligne sans catégorie de garantie" }, 900).text).toBe(
      "Non recalculée : ligne sans catégorie de garantie",
    );
    expect(pricingCheckView("pending", null, 900).text).toBe("Contrôle en attente");
  });
});
