"use server";

/** Settings → Alerts: each member saves their own choices, in the session's workspace only. */
import { getDb } from "@/db/index";
import { alertPreferencesSchema } from "@/lib/alerts/input-schemas";
import { listAlertPreferences, saveAlertPreferences } from "@/lib/alerts/preferences";
import { authedAction } from "../handle";

export const saveAlertPreferencesAction = authedAction(
  "account.self",
  alertPreferencesSchema,
  async (input, session) => {
    const db = await getDb();
    await saveAlertPreferences(db, session.workspaceId, session.userId, input.modes);
    return listAlertPreferences(db, session.workspaceId, session.userId, session.role);
  },
);
