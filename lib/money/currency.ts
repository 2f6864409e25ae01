/**
 * Order currencies: SellerCloud's OrderCurrencyCode (an int enum on the list DTO, `CurrencyCode`
 * on the single DTO) as an ISO 4217 code. Source: reference/sellercloud-api.md §7.7 ("0 USD,
 * 1 GBP, 2 JPY, 3 EUR, 4 CAD, 5 AUD, …", confidence V1); later codes are not documented, so they
 * are not guessed.
 */

export const SELLERCLOUD_CURRENCIES: Readonly<Record<number, string>> = {
  0: "USD",
  1: "GBP",
  2: "JPY",
  3: "EUR",
  4: "CAD",
  5: "AUD",
};

/** The ISO 4217 code for SellerCloud's currency code, or null when absent or not a known code. */
export function currencyFromSellerCloud(code: unknown): string | null {
  const n = typeof code === "string" && /^\d+$/.test(code.trim()) ? Number(code) : code;
  return typeof n === "number" && Number.isInteger(n) ? (SELLERCLOUD_CURRENCIES[n] ?? null) : null;
}
