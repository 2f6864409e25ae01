import { describe, expect, it } from "vitest";
import { createWorkLimiter, PasswordWorkBusy } from "./password-work";

describe("password work limiter", () => {
  it("runs at most N at once, queues M, refuses the rest with a try-again error", async () => {
    const limiter = createWorkLimiter(2, 3);
    let running = 0;
    let peak = 0;
    const gates: Array<() => void> = [];
    const work = () =>
      limiter.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => gates.push(resolve));
        running--;
        return "done";
      });
    const accepted = Array.from({ length: 5 }, work);
    const refused = await Promise.allSettled(Array.from({ length: 4 }, work));
    expect(refused.every((r) => r.status === "rejected" && r.reason instanceof PasswordWorkBusy)).toBe(true);
    expect(limiter.running).toBe(2);
    expect(limiter.waiting).toBe(3);
    while (gates.length || limiter.running) {
      gates.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await Promise.all(accepted)).toEqual(["done", "done", "done", "done", "done"]);
    expect(peak).toBe(2);
    expect(limiter.running).toBe(0);
  });
});
