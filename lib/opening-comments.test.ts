/**
 * Every source file in lib, app, components and db opens with a comment saying what it holds
 * (issue 11): its first line, after blank lines and a "use client" / "use server" directive, is a
 * `//` or `/*` comment. Tests and generated files are left out.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const FOLDERS = ["lib", "app", "components", "db"];
const DIRECTIVE = /^["']use (client|server)["'];?$/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    const { name } = entry;
    if (!/\.(ts|tsx|mjs)$/.test(name) || name.includes(".test.") || name.includes("generated")) return [];
    return [rel];
  });
}

function opensWithComment(file: string): boolean {
  const lines = fs.readFileSync(path.join(ROOT, file), "utf8").split("\n");
  const first = lines.find((line) => line.trim() !== "" && !DIRECTIVE.test(line.trim()));
  return first !== undefined && /^\s*(\/\/|\/\*)/.test(first);
}

it("opens every source file in lib, app, components and db with a comment", () => {
  const files = FOLDERS.flatMap(sourceFiles);
  expect(files.length).toBeGreaterThan(100);
  expect(files.filter((file) => !opensWithComment(file))).toEqual([]);
});
