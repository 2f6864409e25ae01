import { afterEach, describe, expect, it, vi } from "vitest";
import { dynamic, GET, maxDuration } from "./route";

describe("GET /api/cron route", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("refuses when CRON_SECRET is unset, whatever the header says", async () => {
    // This test's own environment, whatever the caller's shell exports.
    vi.stubEnv("CRON_SECRET", undefined);
    expect(process.env.CRON_SECRET).toBeUndefined();
    const response = await GET(
      new Request("http://localhost/api/cron", { headers: { authorization: "Bearer undefined" } }),
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "Unauthorized" });
  });

  it("is dynamic and bounded by a 60-second function limit", () => {
    expect(dynamic).toBe("force-dynamic");
    expect(maxDuration).toBe(60);
  });
});
