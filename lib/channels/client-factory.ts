/**
 * createSellerCloudClient: a channel's SellerCloud client, with decrypted credentials and the
 * login's shared call budget.
 */
import type { Db } from "@/db/client";
import { env } from "@/lib/env";
import type { Logger } from "@/lib/log";
import { normaliseBaseUrl } from "@/lib/sellercloud/base-url";
import { budgetKey } from "@/lib/sellercloud/budget/key";
import { createSharedBudgetLimiter, type SharedBudgetOptions } from "@/lib/sellercloud/budget/limiter";
import { SellerCloudClient } from "@/lib/sellercloud/client";
import { addressCheckFor, currentApiHostPolicy } from "./api-host-policy";
import { loadChannelCredentials } from "./connections";

export interface ClientFactoryOptions {
  keys?: Parameters<typeof loadChannelCredentials>[2];
  log?: Logger;
  signal?: AbortSignal;
  fetch?: typeof fetch;
  /** Overrides of the shared budget (tests: a small limit, an injected clock and sleep). */
  budget?: Partial<Omit<SharedBudgetOptions, "db" | "key" | "usage" | "onWait">>;
}

/** Who the calls are for, beyond the channel: the chart's operation and the run page's wait note. */
export interface ClientScope {
  workspaceId: string;
  channelId: string;
  /** The operation the calls are for ("get_orders", …); "other" when not given. */
  operation?: string;
  /** Told when the login's budget is spent and the calls wait, with when the next call fits. */
  onBudgetWait?: (until: Date) => void;
}

/**
 * The SellerCloud client of a channel's connection, with its credentials decrypted. Every client
 * of the same SellerCloud login, in every process on this database, draws from one shared budget
 * in Postgres (lib/sellercloud/budget: keyed by base URL and username, like SellerCloud's own
 * per-user limit of 10,800 calls per hour, sellercloud-api.md §8.2; SELLERCLOUD_CALLS_PER_HOUR
 * changes it), so concurrent runs and processes never overspend it; a spent budget makes calls
 * wait (scope.onBudgetWait is told until when). The wizard's one-off connection test keeps the
 * in-process limiter (lib/channels/connections.ts). The runtime uses it through
 * lib/operations/app-runtime.ts.
 */
export async function createSellerCloudClient(
  db: Db,
  scope: ClientScope,
  options: ClientFactoryOptions = {},
): Promise<SellerCloudClient> {
  const { credentials } = await loadChannelCredentials(db, scope, options.keys ?? env().credentialKeys);
  const baseUrl = normaliseBaseUrl(credentials.baseUrl);
  const limiter = createSharedBudgetLimiter({
    callsPerHour: env().sellercloudCallsPerHour,
    ...options.budget,
    db,
    key: budgetKey(baseUrl, credentials.username || undefined),
    usage: { channelId: scope.channelId, operation: scope.operation ?? "other" },
    onWait: scope.onBudgetWait,
    log: options.log,
  });
  return new SellerCloudClient({
    baseUrl,
    username: credentials.username || undefined,
    password: credentials.password,
    apiToken: credentials.apiToken,
    limiter,
    // Checked on every connect, not only when saved: redirects and DNS answers cannot lead elsewhere.
    addressCheck: addressCheckFor(currentApiHostPolicy()),
    // A connection is saved only after SellerCloud accepted its test: a web page later is an outage.
    workedBefore: true,
    log: options.log,
    signal: options.signal,
    fetch: options.fetch,
  });
}
