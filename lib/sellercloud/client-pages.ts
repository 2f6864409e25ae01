/**
 * Reading SellerCloud's list endpoints, for every API area's calls: one page of an
 * `{ Items, TotalResults }` answer with each row checked (rows that fail come back in `invalid`
 * beside the good ones), a list endpoint described once (`ListEndpoint`: path, query, row check and
 * transform) so its single page and its paging share one definition, paging until TotalResults,
 * and the `invalid_response` error for an answer of the wrong shape.
 */
import { SellerCloudError } from "./errors";
import type { QueryParams, SellerCloudHttp } from "./http";
import { type InvalidRecord, readListEnvelope } from "./schemas";

/** SellerCloud silently caps list pages at 50 rows. */
export const MAX_PAGE_SIZE = 50;

export interface Page<T> {
  items: T[];
  invalid: InvalidRecord[];
  pageNumber: number;
  /** Rows SellerCloud returned on this page (valid + invalid). */
  received: number;
  totalResults: number;
}

export interface PagingOptions {
  /** Resume from this page (1-based). */
  startPage?: number;
  signal?: AbortSignal;
}

/** A row's check: the typed value, or why it was refused. */
export type RowCheck<Valid> = (
  raw: unknown,
  index: number,
) => { ok: true; value: Valid } | { ok: false; invalid: InvalidRecord };

/**
 * A GET list endpoint answering `{ Items, TotalResults }`: its path, the query parameters of one
 * page, each row's check and its transform to the app's type (given the checked value and the raw row).
 */
export interface ListEndpoint<Query, Valid, Out> {
  path: string;
  params(query: Query, pageNumber: number): QueryParams;
  check: RowCheck<Valid>;
  transform(value: Valid, raw: unknown): Out;
}

/** The page size to ask for: 50 when not given, else 1..50. */
export function clampPageSize(size: number | undefined): number {
  if (size === undefined) return MAX_PAGE_SIZE;
  return Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(size)));
}

/** The error for an answer whose shape is not the documented one (kind `invalid_response`, not retried). */
export function invalidResponse(method: string, path: string, detail: string): SellerCloudError {
  return new SellerCloudError(`SellerCloud's answer to ${method} ${path} has an unexpected shape: ${detail}.`, {
    kind: "invalid_response",
    retryable: false,
    method,
    path,
  });
}

/**
 * GETs one `{ Items, TotalResults }` page and checks every row. Errors: SellerCloudError from the
 * HTTP layer, `invalid_response` when the answer is not that envelope.
 */
export async function readItemsPage<Valid, Out>(
  http: SellerCloudHttp,
  path: string,
  query: QueryParams,
  check: RowCheck<Valid>,
  transform: (value: Valid, raw: unknown) => Out,
  pageNumber: number,
  signal?: AbortSignal,
): Promise<Page<Out>> {
  const data = await http.json("GET", path, { query, signal });
  const envelope = readListEnvelope(data, "Items");
  if (!envelope) throw invalidResponse("GET", path, "expected { Items, TotalResults }");
  const items: Out[] = [];
  const invalid: InvalidRecord[] = [];
  const { rows, totalResults } = envelope;
  for (let index = 0; index < rows.length; index++) {
    const raw = rows[index];
    const result = check(raw, index);
    if (result.ok) items.push(transform(result.value, raw));
    else invalid.push(result.invalid);
  }
  return { items, invalid, pageNumber, received: rows.length, totalResults };
}

/** Page `pageNumber` of a list endpoint. */
export function getListPage<Query, Valid, Out>(
  http: SellerCloudHttp,
  endpoint: ListEndpoint<Query, Valid, Out>,
  query: Query,
  pageNumber: number,
  signal?: AbortSignal,
): Promise<Page<Out>> {
  return readItemsPage(
    http,
    endpoint.path,
    endpoint.params(query, pageNumber),
    endpoint.check,
    (value, raw) => endpoint.transform(value, raw),
    pageNumber,
    signal,
  );
}

/** Every page of a list endpoint, from `options.startPage` (see `pageThrough`). */
export function listPages<Query, Valid, Out>(
  http: SellerCloudHttp,
  endpoint: ListEndpoint<Query, Valid, Out>,
  query: Query,
  options: PagingOptions = {},
): AsyncGenerator<Page<Out>> {
  return pageThrough((pageNumber) => getListPage(http, endpoint, query, pageNumber, options.signal), options);
}

/**
 * Pages until the rows seen reach TotalResults (re-read on every page, so orders that arrive
 * while paging are picked up), or a page comes back empty. Never stops on a short page: the
 * server may cap the size below what was asked.
 */
export async function* pageThrough<T>(
  fetchPage: (pageNumber: number) => Promise<Page<T>>,
  options: PagingOptions,
): AsyncGenerator<Page<T>> {
  let pageNumber = Math.max(1, options.startPage ?? 1);
  let pageSize = 0;
  for (;;) {
    const page = await fetchPage(pageNumber);
    yield page;
    if (page.received === 0) return;
    pageSize = Math.max(pageSize, page.received);
    if (pageNumber * pageSize >= page.totalResults) return;
    pageNumber++;
  }
}
