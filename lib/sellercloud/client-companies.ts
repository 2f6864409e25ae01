/** SellerCloud's companies, read by the client: every page of GET /api/Companies. */
import { MAX_PAGE_SIZE, readItemsPage } from "./client-pages";
import type { SellerCloudHttp } from "./http";
import { checkRecord, companySchema } from "./schemas";
import { type ScCompany, toCompany } from "./transform-account";

/** Every company the user can see (all pages). */
export async function listCompanies(http: SellerCloudHttp, signal?: AbortSignal): Promise<ScCompany[]> {
  const out: ScCompany[] = [];
  for (let pageNumber = 1; ; pageNumber++) {
    const page = await readItemsPage(
      http,
      "/api/Companies",
      { "model.pageNumber": pageNumber, "model.pageSize": MAX_PAGE_SIZE },
      (raw, index) => checkRecord(companySchema, raw, index, "Company", ["ID"]),
      toCompany,
      pageNumber,
      signal,
    );
    out.push(...page.items);
    if (page.received === 0 || pageNumber * MAX_PAGE_SIZE >= page.totalResults) break;
  }
  return out;
}
