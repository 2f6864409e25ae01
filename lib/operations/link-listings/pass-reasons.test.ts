import { describe, expect, it } from "vitest";
import { passEvent, passStartedEvent, summaryEvent } from "./events";
import { sellerCloudTimeText } from "./pass-reasons";

describe("a run's pass in words", () => {
  it("shows SellerCloud's time as the run page does, without the T or fractions", () => {
    expect(sellerCloudTimeText("2026-12-01T00:29:21.123")).toBe("2026-12-01 00:29:21 (SellerCloud's clock)");
    expect(sellerCloudTimeText("2026-12-01T00:29:21")).toBe("2026-12-01 00:29:21 (SellerCloud's clock)");
  });

  it("writes counts with thousands separators, as the result panel does", () => {
    const summary = {
      products: 0,
      variants: 0,
      linked: 0,
      linkedByPair: {},
      alreadyLinked: 0,
      unlinked: 0,
      unmatched: 0,
      ambiguous: 0,
      conflicts: 0,
      invalidCodes: 0,
      invalidProductCodes: 0,
      notAutoLinked: 0,
      dryRun: false,
    };
    expect(
      passEvent({ ...summary, kind: "full", fullReason: "first", productsRead: 199_879, calls: 7_997 }).message,
    ).toBe(
      "Full run: read 199,879 SellerCloud product(s) in 7,997 call(s) (the first pass fills the channel's copy of SellerCloud).",
    );
    expect(
      passEvent({
        ...summary,
        kind: "incremental",
        since: "2026-12-01T00:29:21.5",
        productsRead: 2_144,
        calls: 87,
        fullCalls: 7_997,
      }).message,
    ).toBe(
      "Incremental run: read 2,144 SellerCloud product(s) changed since 2026-12-01 00:29:21 (SellerCloud's clock) in 87 call(s); a full read would take about 7,997, so 7,910 call(s) were saved. The rest came from Conduit's copy of SellerCloud.",
    );
    const started = passStartedEvent(
      {
        kind: "incremental",
        since: "2026-12-01T00:29:21",
        mirrored: 199_879,
        calls: 0,
        startedAt: "2026-12-01T01:30:00.000Z",
      },
      1,
    );
    expect(started.message).toBe(
      "Incremental run: reading only the SellerCloud products of company 1 changed since 2026-12-01 00:29:21 (SellerCloud's clock); the rest comes from Conduit's copy of SellerCloud (199,879 product(s)).",
    );
  });

  it("writes the summary's counts with separators too", () => {
    const message = summaryEvent(
      {
        products: 199_879,
        variants: 200_000,
        linked: 159_026,
        linkedByPair: { "SKU → ID": 99_160, "UPC → UPC": 34_285 },
        alreadyLinked: 0,
        unlinked: 0,
        unmatched: 19_627,
        ambiguous: 993,
        conflicts: 3_085,
        invalidCodes: 17_269,
        invalidProductCodes: 1_204,
        notAutoLinked: 0,
        dryRun: false,
      },
      1,
    ).message;
    expect(message).toBe(
      "Linked 159,026 variant(s) (99,160 by SKU → ID, 34,285 by UPC → UPC); 0 already linked, 0 unlinked, 19,627 unmatched, 993 ambiguous, 3,085 conflict(s), 17,269 with an invalid code; 199,879 SellerCloud product(s) of company 1, 1,204 of them with an invalid code.",
    );
  });
});
