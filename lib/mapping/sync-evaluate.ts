/**
 * Applies a Sync Orders template to one package of one shipment. Uses the Get Orders evaluator's
 * per-field compiler (lib/mapping/compile-mapping.ts) and validation walk
 * (lib/mapping/validate-template.ts) with the sync source tree, so every mode (Field, Value,
 * Mapping Set, Rules) behaves the same in both kinds.
 */

import { compileMapping, type Evaluator, RowError } from "./compile-mapping";
import { findSyncSourceField, SYNC_SHIPPING_STATUSES, SYNC_TARGET_FIELDS, type SyncTargetField } from "./sync-targets";
import type { MappingSetData, TemplateBody } from "./template";
import { ALLOWED_STATUS, STATUS_MESSAGE, SYNC_TEMPLATE_CHECKS } from "./sync-checks";
import { type TemplateValidation, validateTemplateBody } from "./validate-template";
import type { MappedValue } from "./values";

/** What a sync template reads; paths are `order.*` and `shipment.*` (lib/mapping/sync-targets.ts). */
export interface SyncSource {
  order: { sellercloudOrderId: number; orderSourceOrderId: string | null };
  shipment: {
    carrier: string;
    service: string;
    conduitCarrier: string;
    conduitService: string;
    trackingNumber: string;
    trackingNumbers: string[];
    /** ISO 8601 with an offset (toISOString()). */
    shipDate: string;
  };
}

/** The shipping update for one package; ship date as `YYYY-MM-DDTHH:mm:ss` in UTC. */
export interface SyncValues {
  orderId: number;
  trackingNumber: string;
  carrier: string;
  service: string;
  shipDate: string;
  shippingStatus: string;
}

export interface SyncIssue {
  /** The target key, e.g. "carrier". */
  field: string;
  reason: string;
  /** "Sync Orders template, Carrier: …" */
  message: string;
}

export type SyncMapResult = { ok: true; values: SyncValues } | { ok: false; issues: SyncIssue[] };

export interface CompiledSyncTemplate {
  map(source: SyncSource): SyncMapResult;
}

function syncIssue(target: SyncTargetField, reason: string): SyncIssue {
  return { field: target.key, reason, message: `Sync Orders template, ${target.label}: ${reason}` };
}

export function compileSyncTemplate(body: TemplateBody, sets: MappingSetData[] = []): CompiledSyncTemplate {
  const setsById = new Map(sets.map((s) => [s.id, s]));
  const compiled: Array<{ target: SyncTargetField; evaluate: Evaluator }> = SYNC_TARGET_FIELDS.map((target) => ({
    target,
    evaluate: compileMapping(body.fields[target.key] ?? { mode: "none" }, target, setsById, findSyncSourceField),
  }));
  return {
    map(source) {
      const issues: SyncIssue[] = [];
      const values: Record<string, MappedValue> = {};
      // The evaluator reads non-item paths from `order`; the whole source sits there so that
      // `order.x` and `shipment.x` both resolve.
      const scope = { order: source as unknown as Record<string, unknown> };
      for (const { target, evaluate } of compiled) {
        let value: MappedValue | undefined;
        try {
          value = evaluate(scope);
        } catch (error) {
          if (!(error instanceof RowError)) throw error;
          issues.push(syncIssue(target, error.message));
          continue;
        }
        if (value === undefined || value === null) {
          if (target.required) issues.push(syncIssue(target, "is required but came out empty"));
          values[target.key] = null;
          continue;
        }
        if (target.key === "shippingStatus" && !ALLOWED_STATUS.has(String(value).trim().toLowerCase())) {
          issues.push(syncIssue(target, `"${value}" cannot be sent: ${STATUS_MESSAGE}`));
          continue;
        }
        values[target.key] = value;
      }
      if (issues.length) return { ok: false, issues };
      return {
        ok: true,
        values: {
          orderId: values.orderId as number,
          trackingNumber: String(values.trackingNumber),
          carrier: String(values.carrier),
          service: String(values.service),
          shipDate: String(values.shipDate),
          // The canonical spelling, whatever case the template used.
          shippingStatus: SYNC_SHIPPING_STATUSES[0],
        },
      };
    },
  };
}

/** Checks a Sync Orders template before it is saved or used; same result shape as validateTemplate. */
export function validateSyncTemplate(input: unknown, sets: MappingSetData[]): TemplateValidation {
  return validateTemplateBody(input, sets, SYNC_TEMPLATE_CHECKS);
}
