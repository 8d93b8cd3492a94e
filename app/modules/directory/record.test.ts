import { describe, expect, it } from "vitest";
import { parseProfessionalRecord, readableKey } from "./record.ts";

const good = {
  identifier_kind: "adeli",
  identifier: "999690001",
  name: "Optique des Pentes",
  specialties: "opticien",
  address: "8 rue Paul-Bert",
  postcode: "69003",
  city: "Lyon",
  phone: "04 72 00 00 01",
  latitude: "45.75800",
  longitude: "4.84900",
  partner: "oui",
  offer_100_sante: "oui",
  tiers_payant: "",
  accessible: "non",
};

const reason = (changes: Record<string, string | undefined>) => {
  const r = parseProfessionalRecord({ ...good, ...changes });
  return r.ok ? null : r.reason;
};

describe("parseProfessionalRecord", () => {
  it("reads a good line, flags oui/non/empty", () => {
    const r = parseProfessionalRecord(good);
    expect(r.ok && r.value).toMatchObject({
      identifier_kind: "adeli",
      latitude: 45.758,
      longitude: 4.849,
      specialties: ["opticien"],
      partner: true,
      offer_100_sante: true,
      tiers_payant: false,
      accessible: false,
    });
  });
  it("refuses, in French and naming the field, what could be misread", () => {
    expect(reason({ latitude: "45,758" })).toBe("latitude : nombre décimal avec un point attendu (ex. 45.7640)");
    expect(reason({ longitude: "200" })).toBe("longitude : entre -180 et 180 attendu");
    expect(reason({ identifier_kind: "siret" })).toBe("identifier_kind : « rpps », « adeli » ou « finess » attendu");
    expect(reason({ identifier_kind: "rpps" })).toBe("identifier : 11 chiffres attendus (RPPS)");
    expect(reason({ specialties: "opticien|sorcier" })).toBe("specialties : spécialité inconnue : sorcier");
    expect(reason({ postcode: "6900" })).toBe("postcode : 5 chiffres attendus");
    expect(reason({ partner: "yes" })).toBe("partner : « oui », « non » ou vide attendu");
    expect(reason({ name: "Optique\u0007" })).toBe("name : caractère de contrôle interdit");
    expect(reason({ city: undefined })).toBe("city : obligatoire");
  });
  it("accepts several specialties and FINESS numbers of Corsica", () => {
    const r = parseProfessionalRecord({
      ...good,
      identifier_kind: "finess",
      identifier: "2A0000014",
      specialties: "pharmacie|laboratoire",
    });
    expect(r.ok && r.value.specialties).toEqual(["pharmacie", "laboratoire"]);
  });
  it("keeps the identifier of a refused line", () => {
    expect(readableKey({ ...good, latitude: "x" })).toBe("adeli:999690001");
    expect(readableKey({ name: "x" })).toBeNull();
  });
});
