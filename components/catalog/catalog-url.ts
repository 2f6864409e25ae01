/** The catalog page's URL state: every filter lives in the query string, so views can be shared and reloaded. */
export interface CatalogView {
  channel?: string;
  q?: string;
  status?: string;
  brand?: string;
  /** Only the variants this Link Listings run linked. */
  run?: string;
  page?: number;
}

export function catalogHref(view: CatalogView, changes: Partial<CatalogView> = {}): string {
  const next = { ...view, ...changes };
  const params = new URLSearchParams();
  if (next.channel) params.set("channel", next.channel);
  if (next.q) params.set("q", next.q);
  if (next.status && next.status !== "all") params.set("status", next.status);
  if (next.brand) params.set("brand", next.brand);
  if (next.run) params.set("run", next.run);
  if (next.page && next.page > 1) params.set("page", String(next.page));
  const query = params.toString();
  return query ? `/catalog?${query}` : "/catalog";
}
