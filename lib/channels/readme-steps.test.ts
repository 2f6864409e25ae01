import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { STEP_IDS, STEPS } from "./wizard";

/**
 * The README's "Creating a SellerCloud channel" lists the wizard's steps as the UI shows them
 * ("Step N of 11", each step's title), and its introduction gives the same count.
 */

const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const NUMBER_WORDS = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
];

it("lists the wizard's steps in the README in the UI's order, numbers and titles", () => {
  const section = README.split("\n## Creating a SellerCloud channel\n")[1]?.split(/\n##+ /)[0] ?? "";
  const listed = [...section.matchAll(/^(\d+)\. \*\*(.+?)\*\*/gm)].map((m) => `${m[1]}. ${m[2]}`);
  expect(listed).toEqual(STEPS.map((step, index) => `${index + 1}. ${step.title}`));
  expect(section).toContain(`"Step N of ${STEP_IDS.length}"`);
});

it("gives the README's introduction the wizard's step count", () => {
  expect(README).toMatch(new RegExp(`\\b${NUMBER_WORDS[STEP_IDS.length]}-step\\s+wizard\\b`));
});
