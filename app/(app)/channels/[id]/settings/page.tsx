import { redirect } from "next/navigation";

export default async function ChannelSettingsIndex({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  redirect(`/channels/${id}`);
}
