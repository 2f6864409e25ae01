/** The frame of every wizard and settings step page: header, step list and the step's form. */

import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { STEP_IDS, stepNumber, WIZARD_STEPS } from "@/lib/channels/wizard";
import { SetupStaleGuard } from "./setup-stale-guard";
import { StatusBadge } from "./status-badge";
import { StepContent, type StepContentProps } from "./step-content";
import { StepList } from "./step-list";

/** The frame of every wizard step: title, progress list and the step's form. */
export function StepPage(props: StepContentProps) {
  const { channel, step, mode } = props;
  const def = WIZARD_STEPS[step];
  const number = stepNumber(step);
  return (
    <>
      {mode === "setup" && <SetupStaleGuard channelId={channel.id} step={step} />}
      <p className="mb-2 text-sm">
        <Link href={mode === "settings" ? `/channels/${channel.id}` : "/channels"} className="text-brand-700 underline">
          {mode === "settings" ? `← Back to ${channel.name}` : "← Sales channels"}
        </Link>
      </p>
      <PageHeader
        title={def.title}
        description={
          <>
            {mode === "setup" ? `Step ${number} of ${STEP_IDS.length} · ` : "Editing · "}
            {channel.name} <StatusBadge status={channel.status} />
            <span className="mt-1 block">{def.summary}</span>
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[16rem_1fr]">
        <aside>
          <StepList channel={channel} current={step} base={mode} />
        </aside>
        <div className="min-w-0 rounded-lg border border-slate-200 bg-white p-5">
          <StepContent {...props} />
        </div>
      </div>
    </>
  );
}
