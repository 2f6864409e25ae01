/**
 * Secrets other than SellerCloud credentials (webhook signing secrets, vendors' secrets) encrypted
 * at rest the same way as ./credentials.ts: AES-256-GCM, a random 96-bit nonce, payload
 * `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts), encrypted with the first of
 * CREDENTIALS_KEYS and decrypted with any of them. The caller names what the value belongs to
 * (`binding`, e.g. "webhook/<workspaceId>/<endpointId>/secret"); it is the authenticated data, so a
 * payload copied to another row does not decrypt.
 */

import crypto from "node:crypto";
import type { CredentialKey } from "@/lib/env";
import { AppError } from "@/lib/errors";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

function aad(binding: string): Buffer {
  return Buffer.from(`conduit/sealed/${VERSION}/${binding}`);
}

/** Encrypts `plaintext` for `binding` with the first key. Throws when no key is configured. */
export function sealText(plaintext: string, binding: string, keys: readonly CredentialKey[]): string {
  const key = keys[0];
  if (!key) throw new Error("No encryption key is configured (CREDENTIALS_KEYS).");
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", key.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(binding));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [
    VERSION,
    key.id,
    iv.toString("base64url"),
    ciphertext.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
  ].join(".");
}

/**
 * Decrypts a payload sealed for `binding`. Errors: AppError CONFLICT with `what` named (a safe
 * sentence, no secret) when the format is unknown, the key is gone, or the payload was changed or
 * moved from another binding.
 */
export function openText(payload: string, binding: string, keys: readonly CredentialKey[], what = "secret"): string {
  const fail = (reason: string) => new AppError("CONFLICT", `The saved ${what} cannot be read (${reason}).`);
  const parts = payload.split(".");
  if (parts.length !== 5 || parts[0] !== VERSION) throw fail("unknown format");
  const [, keyId, ivText, dataText, tagText] = parts as [string, string, string, string, string];
  const key = keys.find((k) => k.id === keyId);
  if (!key) throw fail(`encryption key "${keyId}" is no longer configured`);
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key.key, Buffer.from(ivText, "base64url"), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(aad(binding));
    decipher.setAuthTag(Buffer.from(tagText, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(dataText, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw fail("it does not belong here or was changed");
  }
}
