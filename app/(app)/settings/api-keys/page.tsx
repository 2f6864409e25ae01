/** The API keys page (/settings/api-keys): the workspace's keys for the shipments API. */

import type { Metadata } from "next";
import { ApiKeysManager } from "@/components/shipments/api-keys-manager";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/index";
import { appBaseUrl } from "@/lib/email/app-url";
import { requirePageCapability } from "@/lib/server/session";
import { listApiKeys } from "@/lib/shipments/api-keys";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const session = await requirePageCapability("apiKeys.manage");
  const keys = await listApiKeys(await getDb(), session.workspaceId);
  return (
    <div className="space-y-6">
      <PageHeader
        title="API keys"
        description="Keys let a warehouse or 3PL record shipments with POST /api/shipments. Conduit stores only a hash of each key."
      />
      <section className="rounded-lg border border-slate-200 bg-white p-6">
        <ApiKeysManager
          keys={keys.map((k) => ({
            id: k.id,
            name: k.name,
            prefix: k.prefix,
            createdAt: k.createdAt.toISOString(),
            lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
            revokedAt: k.revokedAt?.toISOString() ?? null,
          }))}
        />
      </section>
      <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-6 text-sm">
        <h2 className="text-base font-semibold">Example</h2>
        <pre className="overflow-x-auto rounded bg-slate-50 p-3 font-mono text-xs">
          {`# This Conduit's address (AUTH_URL):
CONDUIT_URL=${appBaseUrl().origin}
curl -X POST "$CONDUIT_URL/api/shipments" \\
  -H "Authorization: Bearer cdt_…" -H "Content-Type: application/json" \\
  -d '{"orderNumber":"5000123","carrier":"UPS","service":"Ground",
       "trackingNumbers":["1Z999AA10123456784"],"shipDate":"2026-11-20"}'`}
        </pre>
      </section>
    </div>
  );
}
