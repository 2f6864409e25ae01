/** The maintenance_jobs table: when each housekeeping job last ran. */
import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** When each housekeeping job last ran, so "daily" means once a day across every process. */
export const maintenanceJobs = pgTable("maintenance_jobs", {
  name: text("name").primaryKey(),
  lastRunAt: timestamp("last_run_at", { withTimezone: true }).notNull(),
});
