/** A run event's message with the app paths it names turned into links. */

import Link from "next/link";
import { Fragment } from "react";

/**
 * A run event's message with Conduit's own pages as links: events name where to fix something
 * ("Add it in the channel's shipping mappings (/channels/…/settings/shipping)"), and a path a
 * person has to copy is no help. Only in-app paths under known sections are linked.
 */

const APP_PATH = /(\/(?:channels|orders|runs|settings|catalog)(?:\/[A-Za-z0-9_-]+)*)/g;

export function EventMessage({ text }: { text: string }) {
  const parts = text.split(APP_PATH);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <Link key={i} href={part} className="text-brand-700 underline">
            {part}
          </Link>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}
