import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readEnv } from "../config/env.server.ts";
import { createLogger } from "../shared/logger.server.ts";
import { defaultPushServiceOrigins, isAllowedEndpoint, loadVapidKeys, pushBackoff } from "./push.server.ts";

describe("push endpoints", () => {
  it("accepts the browsers' push services only", () => {
    const origins = defaultPushServiceOrigins;
    expect(isAllowedEndpoint("https://fcm.googleapis.com/fcm/send/abc", origins)).toBe(true);
    expect(isAllowedEndpoint("https://updates.push.services.mozilla.com/wpush/v2/abc", origins)).toBe(true);
    expect(isAllowedEndpoint("https://wns2-par02p.notify.windows.com/w/?token=abc", origins)).toBe(true);
    expect(isAllowedEndpoint("https://notify.windows.com.attacker.example/w", origins)).toBe(false);
    expect(isAllowedEndpoint("http://fcm.googleapis.com/fcm/send/abc", origins)).toBe(false);
    expect(isAllowedEndpoint("https://fcm.googleapis.com:8443/fcm/send/abc", origins)).toBe(false);
    expect(isAllowedEndpoint("https://user:pw@fcm.googleapis.com/fcm/send/abc", origins)).toBe(false);
    expect(isAllowedEndpoint("https://169.254.169.254/latest/meta-data", origins)).toBe(false);
    expect(isAllowedEndpoint("pas une adresse", origins)).toBe(false);
    expect(isAllowedEndpoint("http://localhost:8090/notify/abc", ["http://localhost:8090"])).toBe(true);
  });

  it("backs off from 30 seconds to half an hour", () => {
    expect([1, 2, 3, 20].map(pushBackoff)).toEqual([30, 60, 120, 1800]);
  });
});

describe("VAPID keys", () => {
  it("are generated once in DATA_DIR, private to the account, and kept across starts", () => {
    const dir = mkdtempSync(join(tmpdir(), "vapid-"));
    try {
      const logger = createLogger("silent");
      const env = readEnv({ DATA_DIR: dir });
      const first = loadVapidKeys(env, dir, logger);
      expect(first.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
      expect(first.subject).toBe("mailto:ne-pas-repondre@mutuelle.example");
      expect(statSync(join(dir, "vapid-keys.json")).mode & 0o077).toBe(0);
      expect(loadVapidKeys(env, dir, logger)).toEqual(first);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("come from the configuration when set, both or neither", () => {
    const configured = readEnv({ VAPID_PUBLIC_KEY: "B".repeat(87), VAPID_PRIVATE_KEY: "a".repeat(43) });
    expect(loadVapidKeys(configured, "/nonexistent", createLogger("silent")).publicKey).toBe("B".repeat(87));
    expect(() => readEnv({ VAPID_PUBLIC_KEY: "B".repeat(87) })).toThrow(/VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY/);
    expect(() => readEnv({ VAPID_SUBJECT: "ftp://x" })).toThrow(/VAPID_SUBJECT/);
    expect(() => readEnv({ PUSH_SERVICE_ORIGINS: "https://a.example/chemin" })).toThrow(/PUSH_SERVICE_ORIGINS/);
  });
});
