/**
 * SellerCloud's account lists as the app's types: companies (`ScCompany`) and settings entries
 * (shipping carriers and services, `{ key, name }` from a string or a Key/ID/Value/Name object). Pure.
 */
import type { RawCompany, RawSettingEntry } from "./schemas";

export interface ScCompany {
  id: number;
  name: string;
  isDefault: boolean;
  isDisabled: boolean;
}

export interface ScCarrier {
  /** The value SellerCloud expects in ShippingCarrier / CarrierName. */
  key: string;
  name: string;
}

export interface ScService {
  /** The value SellerCloud expects in ShippingService / ShippingMethod. */
  key: string;
  name: string;
}

/** A `GET /api/Companies` row; a missing name becomes "Company <id>". */
export function toCompany(raw: RawCompany): ScCompany {
  return {
    id: raw.ID,
    name: raw.CompanyName ?? `Company ${raw.ID}`,
    isDefault: raw.IsDefaultCompany ?? false,
    isDisabled: raw.IsDisabled ?? false,
  };
}

/** A carrier or service entry, or null when it names nothing. */
export function toSettingEntry(raw: RawSettingEntry): { key: string; name: string } | null {
  if (typeof raw === "string") return raw.trim() ? { key: raw, name: raw } : null;
  const key = raw.Key ?? raw.ID ?? raw.Value ?? raw.Name;
  if (key == null || String(key).trim() === "") return null;
  const name = raw.Value ?? raw.Name ?? key;
  return { key: String(key), name: String(name) };
}
