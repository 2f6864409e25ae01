import { describe, expect, it } from "vitest";
import { DEFAULT_AFTER_SIGN_IN, safeCallbackPath, signInPathFor } from "./callback-url";

describe("the page to go to after signing in (issue 14 §14)", () => {
  it("keeps a path on this site, with its query", () => {
    expect(safeCallbackPath("/orders?status=shipped#top")).toBe("/orders?status=shipped#top");
    expect(safeCallbackPath("/runs/6f1c")).toBe("/runs/6f1c");
  });

  it("refuses anything that could leave the site, or loop", () => {
    for (const bad of [
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example",
      "javascript:alert(1)",
      "orders",
      "/orders\n",
      "/sign-in?callbackUrl=/orders",
      "/sign-up",
      "/api/workspace",
      "",
      null,
      42,
    ])
      expect(safeCallbackPath(bad)).toBe(DEFAULT_AFTER_SIGN_IN);
  });

  it("builds the sign-in address that comes back", () => {
    expect(signInPathFor("/orders?q=1")).toBe("/sign-in?callbackUrl=%2Forders%3Fq%3D1");
    expect(signInPathFor("/channels")).toBe("/sign-in");
    expect(signInPathFor(null)).toBe("/sign-in");
  });
});
