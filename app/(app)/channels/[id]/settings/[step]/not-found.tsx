/** The not-found page of a channel settings step address. */

import { StepNotFound } from "@/components/channels/step-not-found";

/** A settings step address that leads nowhere: which part is wrong, with links back (components/channels/step-not-found.tsx). */
export default function SettingsStepNotFound() {
  return <StepNotFound base="settings" />;
}
