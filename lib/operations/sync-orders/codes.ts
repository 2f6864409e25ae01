/**
 * Sync Orders' codes, the one list of each: why a shipment failed (stored in
 * shipments.failure_code, shown on the order page) and the run event codes a Sync Orders run
 * writes, plus the app paths its messages send people to. No imports, so client components can
 * compare against these instead of string literals.
 */

/** Why a shipment failed to reach SellerCloud; the value stored in shipments.failure_code. */
export const SyncFailure = {
  /** The shipment's carrier/service has no SellerCloud carrier in the channel's shipping mappings. */
  UnmappedCarrier: "unmapped_carrier",
  /** The Sync Orders template could not map one of the shipment's packages. */
  MappingError: "mapping_error",
  /** The read-back returned no such order (deleted, or another company the API user cannot see). */
  OrderNotInSellerCloud: "order_not_in_sellercloud",
  /** SellerCloud shows the order Fully Shipped with none of our tracking numbers. */
  ShippedElsewhere: "shipped_elsewhere",
  /** The order is already shipped and has no empty package left for another number. */
  NoFreePackage: "no_free_package",
  /** More tracking numbers than units to put in packages: SellerCloud needs an item in every package. */
  MoreNumbersThanUnits: "more_numbers_than_units",
  /** An earlier number of the same order failed; the rest wait for the next run. */
  StoppedAfterFailure: "stopped_after_failure",
  /** A retryable SellerCloud error (throttled, timeout, 5xx…). */
  SellerCloudError: "sellercloud_error",
  /** SellerCloud refused the update (4xx); a person must look. */
  SellerCloudRefused: "sellercloud_refused",
  /** A write may have been lost and the read-back shows the number is not there. */
  SellerCloudUnconfirmed: "sellercloud_unconfirmed",
} as const;
export type SyncFailureCode = (typeof SyncFailure)[keyof typeof SyncFailure];

/** Run event codes of a Sync Orders run that are not failures. */
export const SyncNotice = {
  /** The order is only partly fulfilled and the channel waits for the rest (info). */
  WaitingForRest: "waiting_for_rest",
  /** A dry run lists what it would send (info). */
  DryRun: "dry_run",
  /** SellerCloud already had the number from an earlier, unconfirmed attempt (info). */
  ConfirmedByReadBack: "confirmed_by_read_back",
  /** SellerCloud said the ship date was in the future; it was sent again, once, with an earlier one (warn). */
  ShipDateMovedBack: "ship_date_moved_back",
  /** The page's SellerCloud call count against the fewest possible (info, entity "page"). */
  Calls: "calls",
} as const;
export type SyncNoticeCode = (typeof SyncNotice)[keyof typeof SyncNotice];

/** Every run event code a Sync Orders run writes. */
export type SyncEventCode = SyncFailureCode | SyncNoticeCode;

/** The path of the channel's shipping-mapping settings, named in unmapped-carrier messages. */
export const shippingSettingsPath = (channelId: string) => `/channels/${channelId}/settings/shipping`;

/** Where the channel's Sync Orders templates are edited, named in mapping-error messages. */
export const syncTemplatesPath = (channelId: string) => `/channels/${channelId}/mapping?kind=sync_orders`;
