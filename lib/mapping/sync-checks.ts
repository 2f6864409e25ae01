/**
 * Sync Orders' template checks without zod (lib/mapping/check-template.ts), so the template editor
 * runs them in the browser: its targets, source tree and the shipping status SellerCloud accepts.
 * The server parses untrusted input first (lib/mapping/sync-evaluate.ts validateSyncTemplate).
 */

import { checkTemplateBody, type TemplateKindChecks, type TemplateValidation } from "./check-template";
import {
  findSyncSourceField,
  findSyncTarget,
  SYNC_SHIPPING_STATUSES,
  SYNC_TARGET_FIELDS,
  type SyncTargetField,
} from "./sync-targets";
import type { FieldMapping, MappingSetData, TemplateBody } from "./template";

/** The shipping statuses SellerCloud's tracking update accepts, lower-cased. */
export const ALLOWED_STATUS: ReadonlySet<string> = new Set(SYNC_SHIPPING_STATUSES.map((s) => s.toLowerCase()));
export const STATUS_MESSAGE = `SellerCloud's tracking updates only set ${SYNC_SHIPPING_STATUSES.map((s) => `"${s}"`).join(", ")}`;

/** Literal values a mapping can produce (the status must be one SellerCloud accepts). */
function literalValues(mapping: FieldMapping): string[] {
  switch (mapping.mode) {
    case "value":
      return [mapping.value];
    case "mapping_set":
      return mapping.fallback.kind === "value" ? [mapping.fallback.value] : [];
    case "rules":
      return [
        ...mapping.rules.flatMap((r) => (r.output.kind === "value" ? [r.output.value] : [])),
        ...(mapping.default.kind === "value" ? [mapping.default.value] : []),
      ];
    default:
      return [];
  }
}

/** Sync Orders' targets, source tree and shipping-status check, for checkTemplateBody. */
export const SYNC_TEMPLATE_CHECKS: TemplateKindChecks<SyncTargetField> = {
  targets: SYNC_TARGET_FIELDS,
  unknownTarget: (key) => (findSyncTarget(key) ? null : `"${key}" is not a SellerCloud shipping-update field`),
  find: findSyncSourceField,
  // Sync templates read Conduit's own order and shipment fields (the editor's picker says so too).
  sourceLabel: "Conduit field",
  extraChecks: (target, mapping) =>
    target.key === "shippingStatus"
      ? literalValues(mapping)
          .filter((value) => !ALLOWED_STATUS.has(value.trim().toLowerCase()))
          .map((value) => `"${value}" cannot be sent: ${STATUS_MESSAGE}`)
      : [],
};

/** Checks a Sync Orders template body the editor holds (no zod: see validateSyncTemplate for untrusted input). */
export function checkSyncTemplate(body: TemplateBody, sets: MappingSetData[]): TemplateValidation {
  return checkTemplateBody(body, sets, SYNC_TEMPLATE_CHECKS);
}
