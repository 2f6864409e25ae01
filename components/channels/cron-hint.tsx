/**
 * The words under the schedules form's cron box: the expression in words, or what is wrong with
 * it. The schedules form loads this file (with cronstrue, cron-parser and Luxon) on demand, so the
 * wizard's step pages do not carry them in their first-load JavaScript.
 */

import cronstrue from "cronstrue";
import { validateCronExpression } from "@/lib/operations/schedule";

/** The hint for `expression`: a prompt when empty, the problem when invalid, else cronstrue's words (UTC). */
export function cronInWords(expression: string): string {
  if (!expression.trim()) return "Enter five fields: minute, hour, day of month, month, day of week.";
  const problem = validateCronExpression(expression);
  if (problem) return problem;
  try {
    return `${cronstrue.toString(expression, { use24HourTimeFormat: true })} (UTC)`;
  } catch {
    return "That cron expression cannot be read.";
  }
}

/** The cron box's hint as a component, for next/dynamic. */
export function CronHint({ expression }: { expression: string }) {
  return <>{cronInWords(expression)}</>;
}
