/**
 * The Catalog page (/catalog): the workspace's variants, filtered and paged, with their links and
 * Link Listings per channel.
 */

import type { Metadata } from "next";
import Link from "next/link";
import { CatalogFilters } from "@/components/catalog/catalog-filters";
import { CatalogSelection } from "@/components/catalog/catalog-selection";
import { CatalogTable } from "@/components/catalog/catalog-table";
import type { CatalogView } from "@/components/catalog/catalog-url";
import { catalogHref } from "@/components/catalog/catalog-url";
import { formatCount } from "@/components/catalog/format";
import { LinkListingsPanel } from "@/components/catalog/link-listings-panel";
import { LoadDemoButton } from "@/components/catalog/load-demo-button";
import { Pagination } from "@/components/catalog/pagination";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/index";
import { countCatalogLinkStatuses, listCatalog, listCatalogBrands, listCatalogQuerySchema } from "@/lib/catalog/list";
import { listCatalogChannels } from "@/lib/catalog/queries";
import { listRuns } from "@/lib/operations/queries";
import { isUuid } from "@/lib/server/route-params";
import { requireSession } from "@/lib/server/session";

export const metadata: Metadata = { title: "Catalog" };
export const dynamic = "force-dynamic";

const PAGE_SIZE = 50;
// Counts with no channel: every variant reads "not linked", and the total tells an empty catalog.
const NO_CHANNEL = "00000000-0000-0000-0000-000000000000";

type SearchParams = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

export default async function CatalogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const session = await requireSession();
  const params = await searchParams;
  const db = await getDb();
  const channels = await listCatalogChannels(db, session.workspaceId);
  // The chosen channel when it is one of ours, else the first; the link status is per channel.
  const requested = one(params.channel);
  const channel = channels.find((c) => c.id === requested && isUuid(requested)) ?? channels[0] ?? null;

  const parsed = listCatalogQuerySchema.safeParse({
    channelId: channel?.id,
    search: one(params.q),
    status: channel ? one(params.status) : undefined,
    brand: one(params.brand),
    linkedInRun: channel ? one(params.run) : undefined,
    page: one(params.page),
    pageSize: PAGE_SIZE,
  });
  const query = parsed.success
    ? parsed.data
    : listCatalogQuerySchema.parse({ channelId: channel?.id, pageSize: PAGE_SIZE });
  const view: CatalogView = {
    channel: channel && channels.length > 1 ? channel.id : undefined,
    q: query.search,
    status: query.status,
    brand: query.brand,
    run: query.linkedInRun,
    page: query.page,
  };
  // A run link always names its channel, so the filter reads right even with a single channel.
  if (view.run && channel) view.channel = channel.id;

  const [counts, brands, result, lastRuns] = await Promise.all([
    countCatalogLinkStatuses(db, session.workspaceId, channel?.id ?? NO_CHANNEL),
    listCatalogBrands(db, session.workspaceId),
    listCatalog(db, session.workspaceId, query),
    channel
      ? listRuns(db, { workspaceId: session.workspaceId, channelId: channel.id, operation: "link_listings", limit: 1 })
      : [],
  ]);

  const header = (
    <PageHeader
      title="Catalog"
      description="Your listings and variants, and which SellerCloud product each is linked to."
      actions={
        counts.total > 0 ? (
          <>
            <Link href="/catalog/import" className={buttonClass("primary")}>
              Import a CSV
            </Link>
            <a
              href={`/api/catalog/export${channel ? `?channelId=${channel.id}` : ""}`}
              className={buttonClass("secondary")}
              download
            >
              Export CSV
            </a>
          </>
        ) : undefined
      }
    />
  );

  if (counts.total === 0) {
    return (
      <>
        {header}
        <EmptyState
          title="Your catalog is empty"
          action={
            <div className="flex flex-wrap items-start justify-center gap-3">
              <Link href="/catalog/import" className={buttonClass("primary")}>
                Import a CSV
              </Link>
              <a href="/sample-catalog.csv" download="sample-catalog.csv" className={buttonClass("secondary")}>
                Download the sample CSV
              </a>
              <LoadDemoButton />
            </div>
          }
        >
          Import your listings from a CSV file (SKU, title, brand, UPC, EAN, GTIN, ASIN, MPN, prices and quantity). Then
          run Link Listings on a channel to match them to SellerCloud products. The sample CSV and the demo catalog
          match the built-in SellerCloud sandbox, so a first run links something.
        </EmptyState>
      </>
    );
  }

  const { rows, page, pageCount, totalCapped } = result;
  // Large results are counted up to a cap (lib/catalog/list.ts): "1,000+".
  const total = result.total;
  const totalText = `${formatCount(total)}${totalCapped ? "+" : ""}`;
  const first = (page - 1) * PAGE_SIZE + 1;
  const inCatalog =
    !totalCapped && total === counts.total ? "" : ` matching (${formatCount(counts.total)} in the catalog)`;
  const caption =
    pageCount === 1
      ? `${totalText} variant(s)${inCatalog}`
      : `Variants ${formatCount(first)}–${formatCount(first + rows.length - 1)} of ${totalText}${inCatalog}`;

  return (
    <>
      {header}
      <div className="space-y-5">
        {channel ? (
          <LinkListingsPanel channel={channel} lastRun={lastRuns[0] ?? null} />
        ) : (
          <Alert tone="info" title="No channel yet">
            Link status is shown per SellerCloud channel.{" "}
            <Link href="/channels/new" className="underline">
              Create a channel
            </Link>{" "}
            to link these variants to SellerCloud products.
          </Alert>
        )}
        {!parsed.success && (
          <Alert tone="warning">Some filters in the address were not understood and were reset.</Alert>
        )}
        {view.run && (
          <Alert tone="info" title="Showing only the variants one Link Listings run linked">
            <Link href={`/runs/${view.run}`} className="underline">
              Back to the run
            </Link>{" "}
            ·{" "}
            <Link href={catalogHref({ ...view, run: undefined, page: 1 })} className="underline">
              Show every variant
            </Link>
          </Alert>
        )}
        <CatalogFilters view={view} brands={brands} channels={channels} counts={channel ? counts : null} />
        {total > 0 && rows.length === 0 ? (
          <EmptyState
            title={`There is no page ${page}`}
            action={
              <Link href={catalogHref(view, { page: pageCount })} className={buttonClass("secondary")}>
                Go to the last page
              </Link>
            }
          >
            These filters match {totalText} variant(s) on {pageCount}
            {totalCapped ? "+" : ""} page(s).
          </EmptyState>
        ) : total === 0 ? (
          <EmptyState
            title="No variants match these filters"
            action={
              <Link href={catalogHref({ channel: view.channel })} className={buttonClass("secondary")}>
                Clear filters
              </Link>
            }
          >
            Try another search or link status.
          </EmptyState>
        ) : (
          <>
            <CatalogSelection>
              <CatalogTable rows={rows} caption={caption} channelName={channel?.name ?? null} selectable />
            </CatalogSelection>
            <Pagination view={view} page={page} pageCount={pageCount} more={totalCapped} />
          </>
        )}
      </div>
    </>
  );
}
