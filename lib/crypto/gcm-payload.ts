/**
 * The one AES-256-GCM payload format every secret at rest uses (SellerCloud credentials,
 * webhook and vendor signing secrets): `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts), a
 * random 96-bit nonce per value, sealed with the first configured key and opened with any of them
 * (key rotation). The caller gives the additional authenticated data, which binds a payload to its
 * row and field, and the error to throw when a payload cannot be opened.
 */

import crypto from "node:crypto";
import type { CredentialKey } from "@/lib/env";

export const PAYLOAD_VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The key id a payload was sealed with (`v1.<keyId>.…`), or undefined for something that is not a payload. */
export function payloadKeyId(payload: string): string | undefined {
  const parts = payload.split(".");
  return parts.length === 5 && parts[0] === PAYLOAD_VERSION ? parts[1] : undefined;
}

/** Seals `plaintext` under `aad` with the first key. Throws an Error naming `noKeyMessage` when there is none. */
export function sealPayload(
  plaintext: string,
  aad: Buffer,
  keys: readonly CredentialKey[],
  noKeyMessage = "No encryption key is configured (CREDENTIALS_KEYS).",
): string {
  const key = keys[0];
  if (!key) throw new Error(noKeyMessage);
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", key.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [
    PAYLOAD_VERSION,
    key.id,
    iv.toString("base64url"),
    ciphertext.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
  ].join(".");
}

/**
 * Opens a payload sealed under `aad`. Throws `fail(reason)` when the format is unknown, its key is
 * no longer configured, or the payload was changed or sealed under other data (GCM gives one answer
 * for a wrong key, a tampered value and a value moved from another row: `tamperedReason`).
 */
export function openPayload(
  payload: string,
  aad: Buffer,
  keys: readonly CredentialKey[],
  fail: (reason: string) => Error,
  tamperedReason: string,
): string {
  const parts = payload.split(".");
  if (parts.length !== 5 || parts[0] !== PAYLOAD_VERSION) throw fail("unknown format");
  const [, keyId, ivText, dataText, tagText] = parts as [string, string, string, string, string];
  const key = keys.find((k) => k.id === keyId);
  if (!key) throw fail(`encryption key "${keyId}" is no longer configured`);
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key.key, Buffer.from(ivText, "base64url"), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(aad);
    decipher.setAuthTag(Buffer.from(tagText, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(dataText, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw fail(tamperedReason);
  }
}
