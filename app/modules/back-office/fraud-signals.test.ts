import { describe, expect, it } from "vitest";
import { detectFraudSignals, type FraudFacts } from "./fraud-signals.ts";

const day = 86_400_000;
const filedAt = new Date("2026-08-20T10:00:00Z");
const ago = (days: number, ms = 0) => new Date(filedAt.getTime() - days * day - ms);

function facts(
  over: Partial<Omit<FraudFacts, "request">> & { request?: Partial<FraudFacts["request"]> } = {},
): FraudFacts {
  return {
    otherClaims: [],
    sameFiles: [],
    bankChanges: [],
    signIns: [],
    ...over,
    request: {
      kind: "claim",
      filedAt,
      beneficiaryId: "p1",
      careType: "dentaire",
      careDate: "2026-08-10",
      fileHashes: ["h1"],
      ...over.request,
    },
  };
}
const codes = (f: FraudFacts) => detectFraudSignals(f).map((s) => s.code);

describe("duplicate care", () => {
  it("flags another claim for the same beneficiary, care type and care date, naming its reference", () => {
    const signals = detectFraudSignals(
      facts({
        otherClaims: [
          { reference: "DR-2026-AAAAAAAA", beneficiaryId: "p1", careType: "dentaire", careDate: "2026-08-10" },
        ],
      }),
    );
    expect(signals).toEqual([{ code: "duplicate_care", message: expect.stringContaining("DR-2026-AAAAAAAA") }]);
  });
  it("ignores a claim that differs by beneficiary, care type or one day", () => {
    const otherClaims = [
      { reference: "A", beneficiaryId: "p2", careType: "dentaire", careDate: "2026-08-10" },
      { reference: "B", beneficiaryId: "p1", careType: "optique", careDate: "2026-08-10" },
      { reference: "C", beneficiaryId: "p1", careType: "dentaire", careDate: "2026-08-11" },
    ];
    expect(codes(facts({ otherClaims }))).toEqual([]);
  });
  it("only applies to claims, and not when the care is unknown", () => {
    const otherClaims = [{ reference: "A", beneficiaryId: "p1", careType: "dentaire", careDate: "2026-08-10" }];
    expect(codes(facts({ otherClaims, request: { kind: "quote" } }))).toEqual([]);
    expect(
      codes(facts({ otherClaims: [{ ...otherClaims[0]!, careDate: null }], request: { careDate: null } })),
    ).toEqual([]);
  });
});

describe("reused invoice", () => {
  it("names the same household's request but never another household's", () => {
    const [own] = detectFraudSignals(
      facts({ sameFiles: [{ sha256: "h1", reference: "DR-2026-OWN00001", sameHousehold: true }] }),
    );
    expect(own).toEqual({ code: "reused_invoice", message: expect.stringContaining("(DR-2026-OWN00001)") });
    const [other] = detectFraudSignals(
      facts({ sameFiles: [{ sha256: "h1", reference: "DR-2026-OTHER001", sameHousehold: false }] }),
    );
    expect(other!.code).toBe("reused_invoice");
    expect(other!.message).toContain("un autre adhérent");
    expect(other!.message).not.toContain("DR-2026-OTHER001");
  });
  it("applies to quotes too, and ignores files with another checksum", () => {
    expect(
      codes(facts({ request: { kind: "quote" }, sameFiles: [{ sha256: "h1", reference: "X", sameHousehold: true }] })),
    ).toEqual(["reused_invoice"]);
    expect(codes(facts({ sameFiles: [{ sha256: "h2", reference: "X", sameHousehold: false }] }))).toEqual([]);
    expect(
      codes(
        facts({ request: { fileHashes: [] }, sameFiles: [{ sha256: "h1", reference: "X", sameHousehold: false }] }),
      ),
    ).toEqual([]);
  });
});

describe("recent bank change", () => {
  it("flags a claim filed 30 days exactly after the change, not 30 days and 1 ms", () => {
    expect(codes(facts({ bankChanges: [{ requestedAt: ago(30) }] }))).toEqual(["recent_iban_change"]);
    expect(codes(facts({ bankChanges: [{ requestedAt: ago(30, 1) }] }))).toEqual([]);
  });
  it("flags a claim filed the same instant, not one filed before the change", () => {
    expect(codes(facts({ bankChanges: [{ requestedAt: filedAt }] }))).toEqual(["recent_iban_change"]);
    expect(codes(facts({ bankChanges: [{ requestedAt: new Date(filedAt.getTime() + 1) }] }))).toEqual([]);
  });
  it("says when the latest change in the window was asked for (Paris date)", () => {
    const [signal] = detectFraudSignals(
      facts({ bankChanges: [{ requestedAt: ago(20) }, { requestedAt: new Date("2026-08-14T22:30:00Z") }] }),
    );
    expect(signal!.message).toContain("demandé le 15/08/2026");
  });
});

describe("sign-in from a new device", () => {
  const device = "Firefox sur Windows";
  it("flags a sign-in 7 days exactly before the claim from a device unseen in the 90 days before", () => {
    const signals = detectFraudSignals(
      facts({
        signIns: [
          { at: ago(7), device },
          { at: ago(7 + 91), device },
        ],
      }),
    );
    expect(signals.map((s) => s.code)).toEqual(["new_device_sign_in"]);
    expect(signals[0]!.message).toContain(device);
    expect(signals[0]!.message).toContain("13/08/2026");
  });
  it("does not flag a sign-in 7 days and 1 ms before the claim", () => {
    expect(codes(facts({ signIns: [{ at: ago(7, 1), device }] }))).toEqual([]);
  });
  it("does not flag a device seen 90 days exactly before, but does at 90 days and 1 ms", () => {
    expect(
      codes(
        facts({
          signIns: [
            { at: ago(1), device },
            { at: ago(91), device },
          ],
        }),
      ),
    ).toEqual([]);
    expect(
      codes(
        facts({
          signIns: [
            { at: ago(1), device },
            { at: ago(91, 1), device },
          ],
        }),
      ),
    ).toEqual(["new_device_sign_in"]);
  });
  it("compares device families: another browser is new, the same one is not", () => {
    expect(
      codes(
        facts({
          signIns: [
            { at: ago(1), device },
            { at: ago(30), device: "Chrome sur Android" },
          ],
        }),
      ),
    ).toEqual(["new_device_sign_in"]);
    expect(
      codes(
        facts({
          signIns: [
            { at: ago(1), device },
            { at: ago(30), device },
          ],
        }),
      ),
    ).toEqual([]);
  });
  it("stays silent when the device is unknown, or an earlier sign-in's device was not recorded", () => {
    expect(codes(facts({ signIns: [{ at: ago(1), device: null }] }))).toEqual([]);
    expect(
      codes(
        facts({
          signIns: [
            { at: ago(1), device },
            { at: ago(10), device: null },
          ],
        }),
      ),
    ).toEqual([]);
  });
  it("ignores a sign-in after the claim, and applies to claims only", () => {
    expect(codes(facts({ signIns: [{ at: new Date(filedAt.getTime() + 1), device }] }))).toEqual([]);
    expect(codes(facts({ request: { kind: "quote" }, signIns: [{ at: ago(1), device }] }))).toEqual([]);
  });
});

it("returns every signal that applies, in a stable order", () => {
  expect(
    codes(
      facts({
        otherClaims: [{ reference: "A", beneficiaryId: "p1", careType: "dentaire", careDate: "2026-08-10" }],
        sameFiles: [{ sha256: "h1", reference: "A", sameHousehold: true }],
        bankChanges: [{ requestedAt: ago(2) }],
        signIns: [{ at: ago(1), device: "Safari sur Mac" }],
      }),
    ),
  ).toEqual(["duplicate_care", "reused_invoice", "recent_iban_change", "new_device_sign_in"]);
});
