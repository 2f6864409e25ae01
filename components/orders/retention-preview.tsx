"use client";

/** How many orders the next daily personal-data clearing would touch (the Order settings step). */

import { useQuery } from "@tanstack/react-query";

type Retention = "keep" | "30" | "60" | "90";

/**
 * How many of the channel's orders the next daily clearing would touch with the chosen (possibly
 * unsaved) retention setting. For the channel's order settings step.
 */
export function RetentionPreview({
  channelId,
  retention,
}: {
  channelId: string;
  retention: Retention | string | undefined;
}) {
  const choice = retention === "30" || retention === "60" || retention === "90" ? retention : "keep";
  const query = useQuery({
    queryKey: ["retention-count", channelId, choice],
    enabled: choice !== "keep",
    queryFn: async () => {
      const response = await fetch(`/api/channels/${channelId}/retention-count?retention=${choice}`, {
        cache: "no-store",
      });
      const body = (await response.json().catch(() => ({}))) as { count?: number; error?: string };
      if (!response.ok) throw new Error(body.error ?? "The count could not be loaded.");
      return body.count ?? 0;
    },
  });
  let text: string;
  if (choice === "keep") text = "Personal data is kept; nothing will be cleared.";
  else if (query.isLoading) text = "Counting the orders the next clearing would touch…";
  else if (query.error) text = (query.error as Error).message;
  else {
    const n = query.data ?? 0;
    text =
      n === 0
        ? `No order is due yet: the daily clearing touches orders shipped more than ${choice} days ago.`
        : `The next daily clearing will clear the personal data of ${n} ${n === 1 ? "order" : "orders"} shipped more than ${choice} days ago.`;
  }
  return (
    <p
      role="status"
      aria-live="polite"
      className={`text-sm ${query.error ? "text-red-700" : "text-slate-600"}`}
      data-testid="retention-preview"
    >
      {text}
    </p>
  );
}
