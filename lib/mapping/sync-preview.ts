/**
 * The Sync Orders template editor's live preview: each row evaluated, in the browser, on the
 * packages of a real Conduit shipment (lib/orders/sync-preview-source.ts), with the same per-field
 * compiler Sync Orders uses (compileMapping over the sync source tree), one line per package. Like
 * the Get Orders preview (./preview.ts), one broken row never hides the others.
 */

import { compileMapping, RowError } from "./compile-mapping";
import type { PreviewLine } from "./preview";
import { displayValue, pathsOf } from "./preview-sources";
import type { SyncSource } from "./sync-evaluate";
import { findSyncSourceField, SYNC_SHIPPING_STATUSES, type SyncTargetField } from "./sync-targets";
import type { FieldMapping, MappingSetData } from "./template";

/** A value at a sync source path ("shipment.trackingNumber") of one package's source. */
function readSyncPath(source: SyncSource, path: string): unknown {
  let current: unknown = source;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

const ALLOWED_STATUS = new Set(SYNC_SHIPPING_STATUSES.map((s) => s.toLowerCase()));

/**
 * One preview line per package (`packages`: one SyncSource each, as Sync Orders builds them):
 * the source values the row reads and what it makes of them, or why it cannot.
 */
export function previewSyncTarget(
  target: SyncTargetField,
  mapping: FieldMapping,
  packages: readonly SyncSource[],
  sets: MappingSetData[],
): PreviewLine[] {
  let evaluate: ReturnType<typeof compileMapping>;
  try {
    evaluate = compileMapping(mapping, target, new Map(sets.map((s) => [s.id, s])), findSyncSourceField);
  } catch (error) {
    return [{ scope: "Shipment", sources: [], result: { ok: false, reason: (error as Error).message } }];
  }
  if (packages.length === 0)
    return [{ scope: "Shipment", sources: [], result: { ok: false, reason: "This shipment has no tracking number" } }];
  const paths = pathsOf(mapping, findSyncSourceField);
  return packages.map((source, i): PreviewLine => {
    const scope = packages.length > 1 ? `Package ${i + 1}` : "Package";
    const sources = paths.map((path) => ({ path, value: displayValue(readSyncPath(source, path)) }));
    let value: ReturnType<typeof evaluate>;
    try {
      // The evaluator reads non-item paths from `order`; the whole source sits there (as in sync-evaluate.ts).
      value = evaluate({ order: source as unknown as Record<string, unknown> });
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      return { scope, sources, result: { ok: false, reason: `${target.label} ${error.message}` } };
    }
    if ((value === undefined || value === null) && target.required)
      return { scope, sources, result: { ok: false, reason: `${target.label} is required but came out empty` } };
    if (target.key === "shippingStatus" && value != null && !ALLOWED_STATUS.has(String(value).trim().toLowerCase()))
      return {
        scope,
        sources,
        result: { ok: false, reason: `"${value}" cannot be sent: only "${SYNC_SHIPPING_STATUSES[0]}"` },
      };
    return {
      scope,
      sources,
      result: {
        ok: true,
        text: value === undefined || value === null ? "" : String(value),
        isEmpty: value === null,
        isUnmapped: value === undefined,
      },
    };
  });
}
