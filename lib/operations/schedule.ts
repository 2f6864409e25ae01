/**
 * Schedule maths, all in UTC (so there is no daylight-saving jump to reason about). The tick keeps
 * one next_run_at per channel operation; when it is due the tick enqueues ONE run and computes the
 * next time from now, not from the missed time, so a gap (server down, cron paused) is caught up
 * once and never turns into a burst of missed runs.
 */
import { CronExpressionParser } from "cron-parser";
import cronstrue from "cronstrue";
import type { Schedule } from "@/lib/channels/settings";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The first time the schedule fires strictly after `after`; null for manual schedules. */
export function nextRunAt(schedule: Schedule, after: Date): Date | null {
  switch (schedule.kind) {
    case "manual":
      return null;
    case "hourly": {
      const hourStart = Math.floor(after.getTime() / HOUR) * HOUR;
      const candidate = hourStart + schedule.minute * MINUTE;
      return new Date(candidate > after.getTime() ? candidate : candidate + HOUR);
    }
    case "daily": {
      const [hours, minutes] = schedule.time.split(":").map(Number) as [number, number];
      const dayStart = Math.floor(after.getTime() / DAY) * DAY;
      const candidate = dayStart + hours * HOUR + minutes * MINUTE;
      return new Date(candidate > after.getTime() ? candidate : candidate + DAY);
    }
    case "cron":
      return CronExpressionParser.parse(schedule.expression, { currentDate: after, tz: "UTC" }).next().toDate();
  }
}

export interface ScheduleDecision {
  /** Enqueue a scheduled run now. */
  due: boolean;
  /** What next_run_at should become. */
  next: Date | null;
}

/**
 * What the tick does with one channel operation. A missing next_run_at (new or edited schedule) is
 * initialised without running: the schedule starts at its next occurrence, not immediately.
 */
export function decideSchedule(schedule: Schedule, storedNext: Date | null, now: Date): ScheduleDecision {
  if (schedule.kind === "manual") return { due: false, next: null };
  if (!storedNext) return { due: false, next: nextRunAt(schedule, now) };
  if (storedNext.getTime() <= now.getTime()) return { due: true, next: nextRunAt(schedule, now) };
  return { due: false, next: storedNext };
}

/** A reason the cron expression cannot be used, or null when it is fine. */
export function validateCronExpression(expression: string): string | null {
  const trimmed = expression.trim();
  // The tick runs once a minute, so a seconds field would only pretend to be more precise.
  if (!trimmed.startsWith("@") && trimmed.split(/\s+/).length !== 5) {
    return "Use five fields: minute, hour, day of month, month, day of week (UTC).";
  }
  try {
    CronExpressionParser.parse(trimmed, { tz: "UTC", strict: false });
    return null;
  } catch (error) {
    return `That cron expression is not valid: ${error instanceof Error ? error.message : String(error)}`;
  }
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The schedule in words, for the operations page and run history. */
export function describeSchedule(schedule: Schedule): string {
  switch (schedule.kind) {
    case "manual":
      return "Manual only (runs when you click Run now)";
    case "hourly":
      return schedule.minute === 0
        ? "Every hour, on the hour (UTC)"
        : `Every hour at ${pad(schedule.minute)} minutes past (UTC)`;
    case "daily":
      return `Every day at ${schedule.time} UTC`;
    case "cron": {
      if (validateCronExpression(schedule.expression)) return `Invalid cron expression "${schedule.expression}"`;
      try {
        return `${cronstrue.toString(schedule.expression, { use24HourTimeFormat: true, verbose: false })} (UTC)`;
      } catch {
        return `Cron "${schedule.expression}" (UTC)`;
      }
    }
  }
}
