import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { requestDeadline } from "./request-deadline";

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("requestDeadline", () => {
  it("aborts with a TimeoutError after timeoutMs", async () => {
    const deadline = requestDeadline(20);
    await wait(60);
    expect(deadline.signal.aborted).toBe(true);
    expect((deadline.signal.reason as DOMException).name).toBe("TimeoutError");
  });

  it("aborts with the caller's reason, also when the caller had already aborted", () => {
    const caller = new AbortController();
    const deadline = requestDeadline(60_000, caller.signal);
    caller.abort(new Error("run canceled"));
    expect(deadline.signal.reason).toEqual(new Error("run canceled"));
    deadline.done();
    expect(requestDeadline(60_000, caller.signal).signal.aborted).toBe(true);
  });

  it("once done, neither the timer nor the caller aborts it, and the caller keeps no listener", async () => {
    const caller = new AbortController();
    const deadline = requestDeadline(20, caller.signal);
    deadline.done();
    await wait(60);
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
    caller.abort();
    expect(deadline.signal.aborted).toBe(false);
  });
});
