/**
 * `npm run credentials:rotate` (scripts/rotate-credentials.ts): re-encrypts every secret sealed with
 * CREDENTIALS_KEYS under the first key, one table after another, in batches (lib/crypto/reencrypt-table.ts).
 * SEALED_KINDS is the one list of those tables: SellerCloud connections (password, API token),
 * webhook endpoints' and vendors' signing secrets. A table that seals a new column belongs here, or
 * removing an old key after a rotation leaves its values unreadable.
 */
import type { Db } from "@/db/client";
import { connectionSecrets } from "@/lib/channels/connections";
import type { CredentialKey } from "@/lib/env";
import { vendorSecrets } from "@/lib/vendors/vendors";
import { webhookEndpointSecrets } from "@/lib/webhooks/endpoints";
import { type ReencryptResult, reencryptTable } from "./reencrypt-table";

export const SEALED_KINDS = [
  {
    kind: "connections",
    label: "connections",
    spec: connectionSecrets,
    fix: "re-enter the credentials in the channel's Connect settings",
  },
  {
    kind: "webhookEndpoints",
    label: "webhook endpoints",
    spec: webhookEndpointSecrets,
    fix: "rotate the webhook's secret",
  },
  { kind: "vendors", label: "vendors", spec: vendorSecrets, fix: "rotate the vendor's webhook secret" },
] as const;

export type SealedKind = (typeof SEALED_KINDS)[number]["kind"];
export type RotationReport = Record<SealedKind, ReencryptResult>;

/** Re-encrypts every sealed table under keys[0]; each batch commits on its own, so a re-run finishes a stopped one. */
export async function rotateCredentialSecrets(
  db: Db,
  keys: readonly CredentialKey[],
  options: { batchSize?: number } = {},
): Promise<RotationReport> {
  const report = {} as RotationReport;
  for (const { kind, spec } of SEALED_KINDS) report[kind] = await reencryptTable(db, spec, keys, options);
  return report;
}

/** The report in words: `connections: 3 re-encrypted, webhook endpoints: 2, vendors: 1`, then one line per kind with unreadable rows. */
export function describeRotation(report: RotationReport): string[] {
  const counts = SEALED_KINDS.map(
    ({ kind, label }, index) => `${label}: ${report[kind].reencrypted}${index === 0 ? " re-encrypted" : ""}`,
  ).join(", ");
  const problems = SEALED_KINDS.filter(({ kind }) => report[kind].unreadable.length > 0).map(
    ({ kind, label, fix }) =>
      `${label}: ${report[kind].unreadable.length} could not be decrypted with any configured key and were left as they are; ` +
      `${fix}: ${report[kind].unreadable.join(", ")}`,
  );
  return [counts, ...problems];
}
