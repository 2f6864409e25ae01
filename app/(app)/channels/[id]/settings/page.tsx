/** /channels/<id>/settings has no page of its own: it goes to the channel's page. */

import { redirect } from "next/navigation";

export default async function ChannelSettingsIndex({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  redirect(`/channels/${id}`);
}
