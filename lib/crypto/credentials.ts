/**
 * Credential encryption: AES-256-GCM with a random 96-bit nonce per secret.
 *
 * Payload: `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts). The key id lets the app decrypt
 * with any configured key while encrypting with the first one (rotation). The additional
 * authenticated data binds the ciphertext to its workspace, connection and field, so a value
 * copied into another row (or from the password column into the token column) fails to decrypt
 * instead of handing one tenant's secret to another.
 */

import crypto from "node:crypto";
import type { CredentialKey } from "@/lib/env";
import { AppError } from "@/lib/errors";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type SecretField = "password" | "api_token";

export interface SecretBinding {
  workspaceId: string;
  connectionId: string;
  field: SecretField;
}

function aad(binding: SecretBinding): Buffer {
  return Buffer.from(`conduit/credential/${VERSION}/${binding.workspaceId}/${binding.connectionId}/${binding.field}`);
}

export function encryptSecret(plaintext: string, binding: SecretBinding, keys: readonly CredentialKey[]): string {
  const key = keys[0];
  if (!key) throw new Error("No credential encryption key is configured (CREDENTIALS_KEYS).");
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", key.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(binding));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, key.id, iv.toString("base64url"), ciphertext.toString("base64url"), tag.toString("base64url")].join(
    ".",
  );
}

/** Why a stored secret cannot be used; the message is safe to show (it contains no secret). */
function undecryptable(reason: string): AppError {
  return new AppError("CONFLICT", `The saved SellerCloud credentials cannot be read (${reason}). Enter them again.`);
}

export function decryptSecret(payload: string, binding: SecretBinding, keys: readonly CredentialKey[]): string {
  const parts = payload.split(".");
  if (parts.length !== 5 || parts[0] !== VERSION) throw undecryptable("unknown format");
  const [, keyId, ivText, dataText, tagText] = parts as [string, string, string, string, string];
  const key = keys.find((k) => k.id === keyId);
  if (!key) throw undecryptable(`encryption key "${keyId}" is no longer configured`);
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key.key, Buffer.from(ivText, "base64url"), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(aad(binding));
    decipher.setAuthTag(Buffer.from(tagText, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(dataText, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    // GCM gives one answer for a wrong key, a tampered value and a value moved from another row.
    throw undecryptable("they do not belong to this connection or were changed");
  }
}

/** The key id a payload was encrypted with, or undefined for something that is not a payload. */
export function keyIdOf(payload: string): string | undefined {
  const parts = payload.split(".");
  return parts.length === 5 && parts[0] === VERSION ? parts[1] : undefined;
}

/** True when the payload was written with an older key and should be re-encrypted with the first. */
export function needsReencryption(payload: string, keys: readonly CredentialKey[]): boolean {
  return keyIdOf(payload) !== keys[0]?.id;
}
