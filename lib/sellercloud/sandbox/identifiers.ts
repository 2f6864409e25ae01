/**
 * Deterministic randomness and product identifiers with real check digits, so the sandbox's
 * catalog exercises the same normalisation and validation paths as a real one.
 */

/** A 32-bit mix of (seed, index, salt): the same inputs always give the same number. */
export function hash32(seed: number, index: number, salt = 0): number {
  let h = (seed ^ Math.imul(index + 0x9e3779b9, 0x85ebca6b) ^ Math.imul(salt + 0x27d4eb2f, 0xc2b2ae35)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** mulberry32: a small, fast seeded PRNG returning floats in [0, 1). */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rng: () => number, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)] as T;
}

/** GS1 check digit for a body of any length (UPC-A: 11, EAN-13: 12, GTIN-14: 13 digits). */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  // Weights alternate 3,1,… starting from the rightmost body digit.
  for (let i = body.length - 1, weight = 3; i >= 0; i--, weight = weight === 3 ? 1 : 3) {
    sum += (body.charCodeAt(i) - 48) * weight;
  }
  return (10 - (sum % 10)) % 10;
}

export function withCheckDigit(body: string): string {
  return `${body}${gs1CheckDigit(body)}`;
}

export function isValidGs1(code: string): boolean {
  if (!/^\d{8,14}$/.test(code)) return false;
  return gs1CheckDigit(code.slice(0, -1)) === Number(code.at(-1));
}

const pad = (value: number, width: number) => String(value).padStart(width, "0");

/** A unique UPC-A per index: the multiplier is coprime with 10^9, so indexes never collide. */
export function upcFor(index: number, seed: number): string {
  const offset = hash32(seed, 0, 11) % 1_000_000_000;
  const body = `84${pad((index * 7919 + offset) % 1_000_000_000, 9)}`;
  return withCheckDigit(body);
}

/** An EAN-13 outside the US prefix range, for products sold with an EAN only. */
export function eanFor(index: number, seed: number): string {
  const offset = hash32(seed, 0, 13) % 10_000_000_000;
  return withCheckDigit(`40${pad((index * 104_729 + offset) % 10_000_000_000, 10)}`);
}

/** A case-level GTIN-14 (indicator digit 1). */
export function caseGtinFor(index: number, seed: number): string {
  const offset = hash32(seed, 0, 14) % 1_000_000_000;
  return withCheckDigit(`1084${pad((index * 6_151 + offset) % 1_000_000_000, 9)}`);
}

const ASIN_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";

export function asinFor(rng: () => number): string {
  let out = "B0";
  for (let i = 0; i < 8; i++) out += ASIN_CHARS[Math.floor(rng() * ASIN_CHARS.length)];
  return out;
}

export function skuFor(index: number): string {
  return `SC-${pad(index + 1, 6)}`;
}

/** The generated index of an "SC-000123" SKU, or -1. */
export function indexOfSku(sku: string): number {
  const match = /^SC-(\d{6,})$/i.exec(sku);
  if (!match) return -1;
  return Number(match[1]) - 1;
}
