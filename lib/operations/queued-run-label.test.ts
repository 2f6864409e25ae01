import { describe, expect, it } from "vitest";
import { queuedRunLabel } from "./queued-run-label";

describe("a queued run's label (issue 14 §16)", () => {
  const queued = new Date("2026-05-01T09:30:00Z");
  it("is 'Starting…' right after Run now", () => {
    expect(queuedRunLabel(queued, new Date("2026-05-01T09:30:01.500Z"))).toBe("Starting…");
  });
  it("says how long it has waited once a worker is late", () => {
    expect(queuedRunLabel(queued, new Date("2026-05-01T09:30:45Z"))).toMatch(/^Queued 45 s ago, waiting for a worker/);
    expect(queuedRunLabel(queued, new Date("2026-05-01T09:40:00Z"))).toMatch(/^Queued 10 min ago/);
  });
});
