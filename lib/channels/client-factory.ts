import type { Db } from "@/db/client";
import { env } from "@/lib/env";
import type { Logger } from "@/lib/log";
import { SellerCloudClient } from "@/lib/sellercloud/client";
import { normaliseBaseUrl } from "@/lib/sellercloud/base-url";
import { limiterFor } from "@/lib/sellercloud/rate-limiter";
import { connectionKey } from "@/lib/sellercloud/token-cache";
import { addressCheckFor, currentApiHostPolicy } from "./api-host-policy";
import { loadChannelCredentials } from "./connections";

export interface ClientFactoryOptions {
  keys?: Parameters<typeof loadChannelCredentials>[2];
  log?: Logger;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

/**
 * The SellerCloud client of a channel's connection, with its credentials decrypted. Every client
 * of the same SellerCloud login shares one process-wide rate limiter (keyed by base URL and
 * username, like SellerCloud's own per-user budget), so concurrent runs never overspend it.
 * The runtime uses it through lib/operations/app-runtime.ts.
 */
export async function createSellerCloudClient(
  db: Db,
  scope: { workspaceId: string; channelId: string },
  options: ClientFactoryOptions = {},
): Promise<SellerCloudClient> {
  const { credentials } = await loadChannelCredentials(db, scope, options.keys ?? env().credentialKeys);
  const baseUrl = normaliseBaseUrl(credentials.baseUrl);
  return new SellerCloudClient({
    baseUrl,
    username: credentials.username || undefined,
    password: credentials.password,
    apiToken: credentials.apiToken,
    limiter: limiterFor(connectionKey(baseUrl, credentials.username || undefined, undefined)),
    // Checked on every connect, not only when saved: redirects and DNS answers cannot lead elsewhere.
    addressCheck: addressCheckFor(currentApiHostPolicy()),
    // A connection is saved only after SellerCloud accepted its test: a web page later is an outage.
    workedBefore: true,
    log: options.log,
    signal: options.signal,
    fetch: options.fetch,
  });
}
