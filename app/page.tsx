/** /: goes to the channels when signed in, else to sign-in. */

import { redirect } from "next/navigation";
import { getOptionalSession } from "@/lib/server/session";

export const dynamic = "force-dynamic";

export default async function Home() {
  redirect((await getOptionalSession()) ? "/channels" : "/sign-in");
}
