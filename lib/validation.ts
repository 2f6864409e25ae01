/**
 * Zod pieces for input that reaches the database from people: text Postgres can store (no NUL or
 * other control characters), calendar days that exist. Pages, actions and routes use them so a
 * stray byte or an impossible date is a plain message or an ignored filter, never a 500. What
 * counts as a control character is lib/text/clean.ts's rule (shared with CSV uploads).
 */
import { z } from "zod";
import { cleanText } from "@/lib/text/clean";

/** Whether the text holds characters cleanText (lib/text/clean.ts) would remove or replace. */
export function hasControlCharacters(text: string): boolean {
  return cleanText(text, { keepLineBreaks: true }) !== text;
}

/** A single-line text field: trimmed, at most `max` characters, refused when it holds control characters. */
export function plainText(max: number, label = "This field") {
  return z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .refine((v) => !hasControlCharacters(v), `${label} contains an invisible control character; remove it`);
}

/** A search box's text: control characters dropped, trimmed, capped; empty means no search. */
export function searchText(max = 200) {
  return z
    .string()
    .transform((v) => cleanText(v).trim().slice(0, max))
    .transform((v) => v || undefined);
}

/** Whether "YYYY-MM-DD" names a day that exists (2026-02-30 does not). */
export function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [y, m, d] = text.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A "YYYY-MM-DD" day that exists. */
export const calendarDay = z.string().trim().refine(isCalendarDay, "Enter a date that exists, as YYYY-MM-DD");
