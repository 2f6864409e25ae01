/** The not-found page of a channel setup step address. */

import { StepNotFound } from "@/components/channels/step-not-found";

/** A setup step address that leads nowhere: which part is wrong, with links back (components/channels/step-not-found.tsx). */
export default function SetupStepNotFound() {
  return <StepNotFound base="setup" />;
}
