/**
 * Secrets other than SellerCloud credentials (webhook signing secrets, vendors' secrets) encrypted
 * at rest the same way as ./credentials.ts: AES-256-GCM, a random 96-bit nonce, payload
 * `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts), encrypted with the first of
 * CREDENTIALS_KEYS and decrypted with any of them. The caller names what the value belongs to
 * (`binding`, e.g. "webhook/<workspaceId>/<endpointId>/secret"); it is the authenticated data, so a
 * payload copied to another row does not decrypt.
 */

import type { CredentialKey } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { openPayload, PAYLOAD_VERSION, sealPayload } from "./gcm-payload";

function aad(binding: string): Buffer {
  return Buffer.from(`conduit/sealed/${PAYLOAD_VERSION}/${binding}`);
}

/** Encrypts `plaintext` for `binding` with the first key. Throws when no key is configured. */
export function sealText(plaintext: string, binding: string, keys: readonly CredentialKey[]): string {
  return sealPayload(plaintext, aad(binding), keys);
}

/**
 * Decrypts a payload sealed for `binding`. Errors: AppError CONFLICT with `what` named (a safe
 * sentence, no secret) when the format is unknown, the key is gone, or the payload was changed or
 * moved from another binding.
 */
export function openText(payload: string, binding: string, keys: readonly CredentialKey[], what = "secret"): string {
  const fail = (reason: string) => new AppError("CONFLICT", `The saved ${what} cannot be read (${reason}).`);
  return openPayload(payload, aad(binding), keys, fail, "it does not belong here or was changed");
}
