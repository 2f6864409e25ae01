import fs from "node:fs";
import { expect, it } from "vitest";

/** The README's "Where to change what" table names only files that exist. */

const README = fs.readFileSync(new URL("../README.md", import.meta.url), "utf8");

it("names only files that exist in the README's Where to change what table", () => {
  const section = README.split("\n### Where to change what\n")[1]?.split(/\n##+ /)[0] ?? "";
  const paths = [...section.matchAll(/`((?:lib|db|app|components|scripts)\/[^`]+\.tsx?)`/g)].map((m) => m[1]!);
  expect(paths.length).toBeGreaterThan(5);
  expect(paths.filter((p) => !fs.existsSync(new URL(`../${p}`, import.meta.url)))).toEqual([]);
});
