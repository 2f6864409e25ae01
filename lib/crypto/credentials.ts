/**
 * Credential encryption: AES-256-GCM with a random 96-bit nonce per secret.
 *
 * Payload: `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts). The key id lets the app decrypt
 * with any configured key while encrypting with the first one (rotation). The additional
 * authenticated data binds the ciphertext to its workspace, connection and field, so a value
 * copied into another row (or from the password column into the token column) fails to decrypt
 * instead of handing one tenant's secret to another.
 */

import type { CredentialKey } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { openPayload, PAYLOAD_VERSION as VERSION, payloadKeyId, sealPayload } from "./gcm-payload";

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
  return sealPayload(plaintext, aad(binding), keys, "No credential encryption key is configured (CREDENTIALS_KEYS).");
}

/** Why a stored secret cannot be used; the message is safe to show (it contains no secret). */
function undecryptable(reason: string): AppError {
  return new AppError("CONFLICT", `The saved SellerCloud credentials cannot be read (${reason}). Enter them again.`);
}

export function decryptSecret(payload: string, binding: SecretBinding, keys: readonly CredentialKey[]): string {
  // GCM gives one answer for a wrong key, a tampered value and a value moved from another row.
  return openPayload(
    payload,
    aad(binding),
    keys,
    undecryptable,
    "they do not belong to this connection or were changed",
  );
}

/** The key id a payload was encrypted with (lib/crypto/gcm-payload.ts payloadKeyId). */
export const keyIdOf = payloadKeyId;
