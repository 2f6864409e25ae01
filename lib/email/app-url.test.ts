import { expect, it } from "vitest";
import { absoluteUrl } from "./app-url";

it("makes a path absolute against the public URL's origin, whatever path AUTH_URL carries", () => {
  expect(absoluteUrl("/reset-password?token=a", new URL("https://conduit.example.com/api/auth"))).toBe(
    "https://conduit.example.com/reset-password?token=a",
  );
  // The test environment has no AUTH_URL: links point at this machine.
  expect(absoluteUrl("/runs/1")).toBe("http://localhost:3000/runs/1");
});
