/** SandboxState.reset: back to the seeded data even after the order book grew past it. */
import { describe, expect, it } from "vitest";
import { SandboxState } from "./state";

const EPOCH = Date.UTC(2026, 10, 1, 12, 0, 0);

describe("sandbox state reset", () => {
  it("goes back to the seeded orders after the order book grew past them", () => {
    const state = new SandboxState({ products: 50, orders: 20, now: () => EPOCH });
    const seeded = state.getOrder(5_000_001)?.dto.OrderSourceOrderID;
    for (let i = 0; i < 30; i++) state.addOrder({});
    expect(state.orderTotal).toBe(50);
    state.reset();
    expect(state.orderTotal).toBe(20);
    expect(state.getOrder(5_000_001)?.dto.OrderSourceOrderID).toBe(seeded);
    expect(state.getOrder(5_000_021)).toBeUndefined();
  });

  it("resets a growing tenant whose clock has moved on", () => {
    let now = EPOCH;
    const state = new SandboxState({ products: 50, orders: 20, orderSpanDays: 1, growOrders: true, now: () => now });
    now += 2 * 86_400_000;
    expect(state.catchUp()).toBeGreaterThan(20);
    state.reset({ epochMs: now });
    expect(state.orderTotal).toBe(20);
  });
});
