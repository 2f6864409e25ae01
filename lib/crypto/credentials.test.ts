import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseCredentialKeys } from "@/lib/env";
import { decryptSecret, encryptSecret, keyIdOf, type SecretBinding } from "./credentials";

const k1 = `k1:${crypto.randomBytes(32).toString("base64")}`;
const k2 = `k2:${crypto.randomBytes(32).toString("base64")}`;
const binding: SecretBinding = {
  workspaceId: "11111111-1111-4111-8111-111111111111",
  connectionId: "22222222-2222-4222-8222-222222222222",
  field: "password",
};

describe("credential encryption", () => {
  it("round-trips a secret and never stores the plaintext", () => {
    const keys = parseCredentialKeys(k1);
    const payload = encryptSecret("hunter2-very-secret", binding, keys);
    expect(payload).not.toContain("hunter2");
    expect(payload.startsWith("v1.k1.")).toBe(true);
    expect(decryptSecret(payload, binding, keys)).toBe("hunter2-very-secret");
  });

  it("uses a fresh nonce for every encryption", () => {
    const keys = parseCredentialKeys(k1);
    expect(encryptSecret("same", binding, keys)).not.toBe(encryptSecret("same", binding, keys));
  });

  it.each([
    ["another workspace", { ...binding, workspaceId: "33333333-3333-4333-8333-333333333333" }],
    ["another connection", { ...binding, connectionId: "44444444-4444-4444-8444-444444444444" }],
    ["another field", { ...binding, field: "api_token" as const }],
  ])("refuses a ciphertext moved to %s", (_label, other) => {
    const keys = parseCredentialKeys(k1);
    const payload = encryptSecret("secret", binding, keys);
    expect(() => decryptSecret(payload, other, keys)).toThrow(/cannot be read/);
  });

  it("refuses a tampered ciphertext", () => {
    const keys = parseCredentialKeys(k1);
    const parts = encryptSecret("secret", binding, keys).split(".");
    const data = Buffer.from(parts[3] ?? "", "base64url");
    data[0] = (data[0] ?? 0) ^ 1;
    parts[3] = data.toString("base64url");
    expect(() => decryptSecret(parts.join("."), binding, keys)).toThrow(/cannot be read/);
  });

  it("decrypts with an older key after rotation and encrypts with the first", () => {
    const old = encryptSecret("secret", binding, parseCredentialKeys(k1));
    const rotated = parseCredentialKeys(`${k2},${k1}`);
    expect(decryptSecret(old, binding, rotated)).toBe("secret");
    expect(keyIdOf(old)).not.toBe(rotated[0]!.id);
    const fresh = encryptSecret("secret", binding, rotated);
    expect(keyIdOf(fresh)).toBe("k2");
    expect(keyIdOf(fresh)).toBe(rotated[0]!.id);
  });

  it("explains a key that was removed from the configuration", () => {
    const old = encryptSecret("secret", binding, parseCredentialKeys(k1));
    expect(() => decryptSecret(old, binding, parseCredentialKeys(k2))).toThrow(/key "k1" is no longer configured/);
  });

  it("rejects a value that is not a payload", () => {
    expect(() => decryptSecret("plaintext", binding, parseCredentialKeys(k1))).toThrow(/unknown format/);
  });
});
