import { describe, expect, it } from "vitest";
import { dynamic, GET, maxDuration } from "./route";

describe("GET /api/cron route", () => {
  it("refuses when CRON_SECRET is unset, whatever the header says", async () => {
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
