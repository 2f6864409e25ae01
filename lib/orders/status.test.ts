import { describe, expect, it } from "vitest";
import { conduitShipmentState, describeOrderStatus } from "./status";

describe("order status model", () => {
  it("ranks the shipments' states worst first", () => {
    expect(conduitShipmentState([])).toBe("none");
    expect(conduitShipmentState(["synced", "pending"])).toBe("pending");
    expect(conduitShipmentState(["sending"])).toBe("pending");
    expect(conduitShipmentState(["synced", "failed", "pending"])).toBe("failed");
    expect(conduitShipmentState(["synced", "synced"])).toBe("synced");
  });

  it("never calls an order shipped in SellerCloud on Conduit's word alone", () => {
    const at = new Date("2026-03-01T10:00:00Z");
    const failed = describeOrderStatus({
      shipmentStates: ["failed"],
      shippedAt: at,
      scShippingStatus: 1,
      scShippedAt: null,
    });
    expect(failed.sellercloud).toMatchObject({ label: "Unshipped", fullyShipped: false, confirmedAt: null });
    expect(failed.conduit).toMatchObject({ state: "failed", coversOrder: true, coveredAt: at });
    expect(failed.awaitingSellerCloud).toBe(true);

    const confirmed = describeOrderStatus({
      shipmentStates: ["synced"],
      shippedAt: at,
      scShippingStatus: 3,
      scShippedAt: at,
    });
    expect(confirmed.sellercloud).toMatchObject({ label: "Fully Shipped", fullyShipped: true, confirmedAt: at });
    expect(confirmed.awaitingSellerCloud).toBe(false);

    // A stale confirmation time is not shown once SellerCloud says otherwise.
    expect(
      describeOrderStatus({ shipmentStates: [], shippedAt: null, scShippingStatus: 1, scShippedAt: at }).sellercloud
        .confirmedAt,
    ).toBeNull();
    expect(
      describeOrderStatus({ shipmentStates: [], shippedAt: null, scShippingStatus: null, scShippedAt: null })
        .sellercloud.label,
    ).toBe("Unknown");
  });
});
