/**
 * Query strings read the way SellerCloud's ASP.NET binds a `model` object (case-insensitive names,
 * repeated keys for arrays, `model.`-prefixed or bare, typed values refused with ModelState errors),
 * its silent 50-row page cap, and one page of a filtered index list as `{ Items, TotalResults }`.
 */
import { badRequest } from "./errors";
import { parseFilterDate } from "./wire-format";

/** SellerCloud silently caps list pages at this many rows (a larger pageSize gets 50). */
export const SANDBOX_PAGE_CAP = 50;

/** Query access the way ASP.NET binds `model`: case-insensitive, repeated keys for arrays, prefixed or bare (not mixed). */
export class Query {
  private readonly values = new Map<string, string[]>();
  private readonly prefixed: boolean;
  constructor(search: URLSearchParams) {
    for (const [key, value] of search) {
      const k = key.toLowerCase();
      const list = this.values.get(k);
      if (list) list.push(value);
      else this.values.set(k, [value]);
    }
    this.prefixed = [...this.values.keys()].some((k) => k.startsWith("model."));
  }

  all(name: string): string[] {
    const key = (this.prefixed ? `model.${name}` : name).toLowerCase();
    return (this.values.get(key) ?? []).filter((v) => v !== "");
  }

  /** Bare names only (endpoints that do not bind a `model` object). */
  bare(name: string): string | undefined {
    return this.values.get(name.toLowerCase())?.[0];
  }

  one(name: string): string | undefined {
    return this.all(name)[0];
  }

  private label(name: string) {
    return this.prefixed ? `model.${name}` : name;
  }

  int(name: string): number | undefined {
    const raw = this.one(name);
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value))
      throw badRequest("", { [this.label(name)]: [`The value '${raw}' is not valid for ${name}.`] });
    return value;
  }

  ints(name: string): number[] {
    return this.all(name).map((raw) => {
      const value = Number(raw);
      if (!Number.isInteger(value))
        throw badRequest("", { [this.label(name)]: [`The value '${raw}' is not valid for ${name}.`] });
      return value;
    });
  }

  bool(name: string): boolean | undefined {
    const raw = this.one(name);
    if (raw === undefined) return undefined;
    if (/^true$/i.test(raw)) return true;
    if (/^false$/i.test(raw)) return false;
    throw badRequest("", { [this.label(name)]: [`The value '${raw}' is not valid for ${name}.`] });
  }

  date(name: string): number | undefined {
    const raw = this.one(name);
    if (raw === undefined) return undefined;
    const ms = parseFilterDate(raw);
    if (ms === undefined)
      throw badRequest("", { [this.label(name)]: [`The value '${raw}' is not valid for ${name}.`] });
    return ms;
  }

  paging(): { pageNumber: number; pageSize: number } {
    const pageNumber = Math.max(1, this.int("pageNumber") ?? 1);
    const asked = this.int("pageSize") ?? 10;
    // SellerCloud silently caps pages at 50 rows.
    const pageSize = asked <= 0 ? 10 : Math.min(asked, SANDBOX_PAGE_CAP);
    return { pageNumber, pageSize };
  }
}

/** Page `pageNumber` (from 1) of the rows at `indexes`, SellerCloud's `{ Items, TotalResults }`. */
export function page<T>(indexes: Int32Array, pageNumber: number, pageSize: number, row: (i: number) => T) {
  const start = (pageNumber - 1) * pageSize;
  const end = Math.min(indexes.length, start + pageSize);
  const items: T[] = [];
  for (let k = start; k < end; k++) items.push(row(indexes[k]!));
  return { Items: items, TotalResults: indexes.length };
}
