/**
 * What a Get Orders run noticed about SellerCloud's data, reported once when the run ends rather
 * than once per order or per page: text it cleaned, and orders it ignored because they did not
 * match the filters asked for. Carried in the run's cursor (committed with each page), so a run
 * resumed by another worker still reports the whole run.
 */
import { cleanedTextEvent, type GetOrdersEvent, outsideFiltersEvent } from "./events";
import type { ListFilter } from "./filters";

/** At most this many orders are named in a note; the counts cover all. */
export const NOTE_EXAMPLES = 20;

export interface DataNotes {
  /** Orders with text cleaned, how many strings in all, and the first orders with their fields. */
  cleaned: { orders: number; fields: number; examples: Array<{ id: number; fields: string[] }> };
  /** Orders outside the filters, how many missed each filter, and the first order IDs. */
  ignored: { orders: number; byFilter: Partial<Record<ListFilter, number>>; examples: number[] };
}

/** A copy of the cursor's notes to add to (a new, empty one for a run that has none yet). */
export function copyNotes(notes: DataNotes | undefined): DataNotes {
  return {
    cleaned: {
      orders: notes?.cleaned.orders ?? 0,
      fields: notes?.cleaned.fields ?? 0,
      examples: [...(notes?.cleaned.examples ?? [])],
    },
    ignored: {
      orders: notes?.ignored.orders ?? 0,
      byFilter: { ...(notes?.ignored.byFilter ?? {}) },
      examples: [...(notes?.ignored.examples ?? [])],
    },
  };
}

/** Order `id` had the strings at `fields` cleaned (lib/text/clean.ts). */
export function noteCleaned(notes: DataNotes, id: number, fields: string[]): void {
  notes.cleaned.orders++;
  notes.cleaned.fields += fields.length;
  if (notes.cleaned.examples.length < NOTE_EXAMPLES) notes.cleaned.examples.push({ id, fields: [...new Set(fields)] });
}

/** Order `id` was ignored because it missed `filters`. */
export function noteIgnored(notes: DataNotes, id: number, filters: ListFilter[]): void {
  notes.ignored.orders++;
  for (const filter of filters) notes.ignored.byFilter[filter] = (notes.ignored.byFilter[filter] ?? 0) + 1;
  if (notes.ignored.examples.length < NOTE_EXAMPLES) notes.ignored.examples.push(id);
}

/** The run's summary events for its notes (none when there is nothing to say). */
export function noteEvents(notes: DataNotes | undefined): GetOrdersEvent[] {
  const events: GetOrdersEvent[] = [];
  if (notes?.ignored.orders) events.push(outsideFiltersEvent(notes.ignored));
  if (notes?.cleaned.orders) events.push(cleanedTextEvent(notes.cleaned));
  return events;
}
