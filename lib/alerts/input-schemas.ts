/** The Settings → Alerts form's input: a mode for any of the alert kinds (the form and the action share it). */
import { z } from "zod";
import { ALERT_KINDS, ALERT_MODES } from "./kinds";

export const alertPreferencesSchema = z.object({
  modes: z.partialRecord(
    z.enum(ALERT_KINDS, { message: "Unknown alert kind" }),
    z.enum(ALERT_MODES, { message: "Choose Email at once, Hourly digest or Off" }),
  ),
});
export type AlertPreferencesInput = z.infer<typeof alertPreferencesSchema>;
