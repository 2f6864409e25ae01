/**
 * SellerCloud's shipping calls, made by the client: the carriers and services it accepts (GET
 * /api/Settings/ShippingCarriers and ShippingServices), and the three writes that mark an order
 * shipped (bodies in client-bodies.ts). The writes are never retried after an unclear failure
 * (timeout, 5xx): the error says `mayHaveApplied` and the caller reads the order back first.
 */
import {
  createPackagesBody,
  type NewPackageInput,
  type ShippingStatusInput,
  type SinglePackageInput,
  shippingStatusBody,
  singlePackageBody,
} from "./client-bodies";
import { invalidResponse } from "./client-pages";
import type { QueryParams, SellerCloudHttp } from "./http";
import { settingEntrySchema } from "./schemas";
import { type ScCarrier, type ScService, toSettingEntry } from "./transform-account";

/** A settings list (a bare array or `{ Items }`); entries that name nothing are left out. */
async function listSettings(
  http: SellerCloudHttp,
  path: string,
  query: QueryParams,
  signal?: AbortSignal,
): Promise<{ key: string; name: string }[]> {
  const data = await http.json("GET", path, { query, signal });
  const list = Array.isArray(data) ? data : (data as { Items?: unknown })?.Items;
  if (!Array.isArray(list)) throw invalidResponse("GET", path, "expected a list");
  const out: { key: string; name: string }[] = [];
  for (const raw of list) {
    const parsed = settingEntrySchema.safeParse(raw);
    const entry = parsed.success ? toSettingEntry(parsed.data) : null;
    if (entry) out.push(entry);
  }
  return out;
}

/** The shipping carriers of a site (default site 0). */
export function listShippingCarriers(
  http: SellerCloudHttp,
  options: { siteCode?: number; signal?: AbortSignal } = {},
): Promise<ScCarrier[]> {
  return listSettings(http, "/api/Settings/ShippingCarriers", { siteCode: options.siteCode ?? 0 }, options.signal);
}

/** The services of one carrier (by its key). */
export function listShippingServices(
  http: SellerCloudHttp,
  carrier: string,
  options: { siteCode?: number; signal?: AbortSignal } = {},
): Promise<ScService[]> {
  return listSettings(
    http,
    "/api/Settings/ShippingServices",
    { siteCode: options.siteCode ?? 0, carrier },
    options.signal,
  );
}

/** Marks the whole order Fully Shipped with one tracking number (on its first package). */
export async function updateShippingStatus(
  http: SellerCloudHttp,
  input: ShippingStatusInput,
  signal?: AbortSignal,
): Promise<void> {
  await http.json("PUT", "/api/Orders/ShippingStatus", {
    body: shippingStatusBody(input),
    idempotent: false,
    signal,
  });
}

/** Tracking for one package; each call also marks the whole order Fully Shipped. */
export async function updateSinglePackageTracking(
  http: SellerCloudHttp,
  input: SinglePackageInput,
  signal?: AbortSignal,
): Promise<void> {
  await http.json("PUT", "/api/Orders/ShippingStatus/SinglePackage", {
    body: singlePackageBody(input),
    idempotent: false,
    signal,
  });
}

/** Replaces ALL packages of an unshipped order; every item must be assigned. */
export async function createShippingPackages(
  http: SellerCloudHttp,
  orderId: number,
  packages: readonly NewPackageInput[],
  signal?: AbortSignal,
): Promise<void> {
  await http.json("POST", `/api/Orders/${encodeURIComponent(String(orderId))}/Shipping/Packages`, {
    body: createPackagesBody(packages),
    idempotent: false,
    signal,
  });
}
