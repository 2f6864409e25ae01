/** The shipments upload page (/orders/shipments/upload): record shipments from a CSV file. */

import type { Metadata } from "next";
import { ShipmentsCsvUpload } from "@/components/shipments/shipments-csv-upload";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/server/session";

export const metadata: Metadata = { title: "Upload shipments" };

export default async function UploadShipmentsPage() {
  await requireSession();
  return (
    <div className="space-y-6">
      <PageHeader
        title="Upload shipments"
        description="Record many shipments at once. Sync Orders then sends them to SellerCloud."
      />
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-6 text-sm">
        <h2 className="text-base font-semibold">File format</h2>
        <p>One row per tracking number, with a header row. Columns:</p>
        <ul className="list-disc space-y-1 pl-5">
          <li>
            <code>order_number</code>: the SellerCloud order ID, or the marketplace order number
          </li>
          <li>
            <code>tracking_number</code>
          </li>
          <li>
            <code>carrier</code> and <code>service</code>: your names, translated by the channel's shipping mappings
          </li>
          <li>
            <code>ship_date</code>: YYYY-MM-DD (optional; today when empty)
          </li>
        </ul>
        <p>
          Rows with the same order, carrier and service become one shipment with several tracking numbers. Rows with
          errors are listed with their row number; the other rows are recorded. A tracking number already recorded on
          the order is skipped, so uploading a file twice records nothing twice.
        </p>
        <pre className="overflow-x-auto rounded bg-slate-50 p-3 font-mono text-xs">
          {
            "order_number,tracking_number,carrier,service,ship_date\n5000123,1Z999AA10123456784,UPS,Ground,2026-11-20\n5000123,1Z999AA10123456785,UPS,Ground,2026-11-20"
          }
        </pre>
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-6">
        <ShipmentsCsvUpload />
      </section>
    </div>
  );
}
