/** The root layout: the html frame, the site title and the client providers. */

import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import "./globals.css";

// Every page is rendered per request, so proxy.ts's CSP nonce reaches Next.js's scripts (a page
// prerendered at build time would carry no nonce and its scripts would be refused).
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Conduit", template: "%s · Conduit" },
  description: "Connect your catalog and orders to SellerCloud.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
