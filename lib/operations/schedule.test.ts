import { describe, expect, it } from "vitest";
import type { Schedule } from "@/lib/channels/settings";
import { decideSchedule, describeSchedule, nextRunAt, validateCronExpression } from "./schedule";

const at = (iso: string) => new Date(iso);

describe("nextRunAt computes the next UTC occurrence", () => {
  const cases: Array<{ name: string; schedule: Schedule; after: string; expected: string | null }> = [
    { name: "manual never runs", schedule: { kind: "manual" }, after: "2026-03-01T10:00:00Z", expected: null },
    {
      name: "hourly later this hour",
      schedule: { kind: "hourly", minute: 15 },
      after: "2026-03-01T10:05:00Z",
      expected: "2026-03-01T10:15:00.000Z",
    },
    {
      name: "hourly exactly on time moves to next hour",
      schedule: { kind: "hourly", minute: 15 },
      after: "2026-03-01T10:15:00Z",
      expected: "2026-03-01T11:15:00.000Z",
    },
    {
      name: "hourly past the minute",
      schedule: { kind: "hourly", minute: 15 },
      after: "2026-03-01T10:15:01Z",
      expected: "2026-03-01T11:15:00.000Z",
    },
    {
      name: "hourly on the hour crosses midnight",
      schedule: { kind: "hourly", minute: 0 },
      after: "2026-03-01T23:30:00Z",
      expected: "2026-03-02T00:00:00.000Z",
    },
    {
      name: "daily later today",
      schedule: { kind: "daily", time: "14:30" },
      after: "2026-03-01T09:00:00Z",
      expected: "2026-03-01T14:30:00.000Z",
    },
    {
      name: "daily already passed today",
      schedule: { kind: "daily", time: "14:30" },
      after: "2026-03-01T14:30:00Z",
      expected: "2026-03-02T14:30:00.000Z",
    },
    {
      name: "daily crosses a month end",
      schedule: { kind: "daily", time: "00:00" },
      after: "2026-02-28T12:00:00Z",
      expected: "2026-03-01T00:00:00.000Z",
    },
    // 29 March 2026 is the EU daylight-saving switch; UTC schedules do not move.
    {
      name: "daily is DST-free (EU switch)",
      schedule: { kind: "daily", time: "01:30" },
      after: "2026-03-29T00:00:00Z",
      expected: "2026-03-29T01:30:00.000Z",
    },
    {
      name: "daily is DST-free (US switch)",
      schedule: { kind: "daily", time: "02:30" },
      after: "2026-03-08T00:00:00Z",
      expected: "2026-03-08T02:30:00.000Z",
    },
    {
      name: "cron every 15 minutes",
      schedule: { kind: "cron", expression: "*/15 * * * *" },
      after: "2026-03-01T10:07:00Z",
      expected: "2026-03-01T10:15:00.000Z",
    },
    {
      name: "cron weekdays at 06:00",
      schedule: { kind: "cron", expression: "0 6 * * 1-5" },
      after: "2026-02-27T07:00:00Z",
      expected: "2026-03-02T06:00:00.000Z",
    },
    {
      name: "cron is read in UTC across DST",
      schedule: { kind: "cron", expression: "30 2 * * *" },
      after: "2026-03-08T01:00:00Z",
      expected: "2026-03-08T02:30:00.000Z",
    },
    {
      name: "cron macro",
      schedule: { kind: "cron", expression: "@daily" },
      after: "2026-03-01T10:00:00Z",
      expected: "2026-03-02T00:00:00.000Z",
    },
  ];
  it.each(cases)("$name", ({ schedule, after, expected }) => {
    const next = nextRunAt(schedule, at(after));
    expect(next?.toISOString() ?? null).toBe(expected);
  });
});

describe("decideSchedule enqueues due runs and catches up once", () => {
  const hourly: Schedule = { kind: "hourly", minute: 0 };
  const cases: Array<{
    name: string;
    schedule: Schedule;
    stored: string | null;
    now: string;
    due: boolean;
    next: string | null;
  }> = [
    {
      name: "not yet due keeps the stored time",
      schedule: hourly,
      stored: "2026-03-01T11:00:00Z",
      now: "2026-03-01T10:59:00Z",
      due: false,
      next: "2026-03-01T11:00:00.000Z",
    },
    {
      name: "due exactly at the time",
      schedule: hourly,
      stored: "2026-03-01T11:00:00Z",
      now: "2026-03-01T11:00:00Z",
      due: true,
      next: "2026-03-01T12:00:00.000Z",
    },
    {
      name: "a tick a little late still runs once",
      schedule: hourly,
      stored: "2026-03-01T11:00:00Z",
      now: "2026-03-01T11:00:40Z",
      due: true,
      next: "2026-03-01T12:00:00.000Z",
    },
    {
      name: "after a five-hour gap: one run, next from now",
      schedule: hourly,
      stored: "2026-03-01T06:00:00Z",
      now: "2026-03-01T11:20:00Z",
      due: true,
      next: "2026-03-01T12:00:00.000Z",
    },
    {
      name: "after a three-day gap on a daily schedule: one run",
      schedule: { kind: "daily", time: "03:00" },
      stored: "2026-02-26T03:00:00Z",
      now: "2026-03-01T10:00:00Z",
      due: true,
      next: "2026-03-02T03:00:00.000Z",
    },
    {
      name: "a new schedule starts at its next occurrence, not now",
      schedule: hourly,
      stored: null,
      now: "2026-03-01T10:20:00Z",
      due: false,
      next: "2026-03-01T11:00:00.000Z",
    },
    {
      name: "switched to manual clears the time",
      schedule: { kind: "manual" },
      stored: "2026-03-01T06:00:00Z",
      now: "2026-03-01T10:20:00Z",
      due: false,
      next: null,
    },
  ];
  it.each(cases)("$name", ({ schedule, stored, now, due, next }) => {
    const decision = decideSchedule(schedule, stored ? at(stored) : null, at(now));
    expect(decision.due).toBe(due);
    expect(decision.next?.toISOString() ?? null).toBe(next);
  });

  it("catches up once: the tick after a catch-up run is not due again", () => {
    const first = decideSchedule(hourly, at("2026-03-01T06:00:00Z"), at("2026-03-01T11:20:00Z"));
    expect(first.due).toBe(true);
    const second = decideSchedule(hourly, first.next, at("2026-03-01T11:21:00Z"));
    expect(second.due).toBe(false);
  });
});

describe("validateCronExpression and describeSchedule", () => {
  it.each([
    ["*/5 * * * *", null],
    ["0 6 * * 1-5", null],
    ["@hourly", null],
    ["*/10 * * * * *", "Use five fields"],
    ["61 * * * *", "not valid"],
    ["every day", "Use five fields"],
  ])("validates %s", (expression, problem) => {
    const result = validateCronExpression(expression);
    if (problem === null) expect(result).toBeNull();
    else expect(result).toContain(problem);
  });

  it.each<[Schedule, string]>([
    [{ kind: "manual" }, "Manual only (runs when you click Run now)"],
    [{ kind: "hourly", minute: 0 }, "Every hour, on the hour (UTC)"],
    [{ kind: "hourly", minute: 5 }, "Every hour at 05 minutes past (UTC)"],
    [{ kind: "daily", time: "07:45" }, "Every day at 07:45 UTC"],
    [{ kind: "cron", expression: "0 6 * * 1-5" }, "At 06:00, Monday through Friday (UTC)"],
    [{ kind: "cron", expression: "*/15 * * * *" }, "Every 15 minutes (UTC)"],
    [{ kind: "cron", expression: "nope" }, 'Invalid cron expression "nope"'],
  ])("describes %o in words", (schedule, words) => {
    expect(describeSchedule(schedule)).toBe(words);
  });
});
