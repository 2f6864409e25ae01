import { describe, expectTypeOf, it } from "vitest";
import type * as Stored from "@/db/schema/values";
import type * as Settings from "@/lib/channels/settings";
import type { Condition, FieldMapping, TemplateBody } from "@/lib/mapping/template";
import type { RunStatus, RunTrigger } from "@/lib/operations/types";

/**
 * The database's column value types (db/schema/values.ts, plain TypeScript so db/ imports nothing
 * from lib/) are the same types the domain's zod schemas produce. Checked by the type checker
 * (`npx tsc`); the test body only records that the file compiled.
 */

describe("stored value types match the domain's schemas", () => {
  it("channels", () => {
    expectTypeOf<Settings.Operation>().toEqualTypeOf<Stored.Operation>();
    expectTypeOf<Settings.Schedule>().toEqualTypeOf<Stored.Schedule>();
    expectTypeOf<Settings.LinkPair>().toEqualTypeOf<Stored.LinkPair>();
    expectTypeOf<Settings.ChannelSettings>().toEqualTypeOf<Stored.ChannelSettings>();
  });
  it("runs", () => {
    expectTypeOf<RunStatus>().toEqualTypeOf<Stored.RunStatus>();
    expectTypeOf<RunTrigger>().toEqualTypeOf<Stored.RunTrigger>();
  });
  it("mapping templates", () => {
    expectTypeOf<Condition>().toEqualTypeOf<Stored.Condition>();
    expectTypeOf<FieldMapping>().toEqualTypeOf<Stored.FieldMapping>();
    expectTypeOf<TemplateBody>().toEqualTypeOf<Stored.TemplateBody>();
  });
});
