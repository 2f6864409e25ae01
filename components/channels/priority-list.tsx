"use client";

/**
 * The linking priority list: field pairs reordered by drag and drop (@dnd-kit, loaded on demand),
 * keyboard or buttons.
 */

import {
  type Announcements,
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { SelectInput } from "@/components/ui/field";
import {
  LISTING_FIELDS,
  type LinkPair,
  type ListingField,
  SELLERCLOUD_PRODUCT_FIELDS,
  type SellerCloudProductField,
} from "@/lib/channels/settings";
import { LISTING_LABELS, pairKey, pairLabel, SC_LABELS } from "./pair-labels";

function SortableRow({
  pair,
  index,
  count,
  editable,
  onMove,
  onRemove,
}: {
  pair: LinkPair;
  index: number;
  count: number;
  editable: boolean;
  onMove: (from: number, to: number) => void;
  onRemove: () => void;
}) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: pairKey(pair),
    disabled: !editable,
  });
  const label = pairLabel(pair);
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      className={`flex items-center gap-3 rounded-md border bg-white px-3 py-2 ${isDragging ? "border-brand-600 shadow-md" : "border-slate-300"}`}
      data-testid="priority-item"
    >
      {editable && (
        <button
          type="button"
          ref={setActivatorNodeRef}
          {...attributes}
          {...listeners}
          aria-label={`Drag to reorder: ${label}`}
          className="cursor-grab rounded px-1.5 py-1 text-slate-600 hover:bg-slate-100"
        >
          <span aria-hidden="true">⠿</span>
        </button>
      )}
      <span className="w-6 text-right text-sm font-semibold text-slate-600">{index + 1}.</span>
      <span className="flex-1 text-sm text-slate-900">{label}</span>
      {editable && (
        <span className="flex gap-1">
          <Button
            variant="ghost"
            className="px-2 py-1"
            aria-label={`Move up: ${label}`}
            disabled={index === 0}
            onClick={() => onMove(index, index - 1)}
          >
            ↑
          </Button>
          <Button
            variant="ghost"
            className="px-2 py-1"
            aria-label={`Move down: ${label}`}
            disabled={index === count - 1}
            onClick={() => onMove(index, index + 1)}
          >
            ↓
          </Button>
          <Button
            variant="ghost"
            className="px-2 py-1 text-red-700"
            aria-label={`Remove: ${label}`}
            disabled={count === 1}
            onClick={onRemove}
          >
            Remove
          </Button>
        </span>
      )}
    </li>
  );
}

/**
 * The linking priority: an ordered list of field pairs, reordered by drag and drop with the
 * pointer or the keyboard (focus a handle, Space to lift, arrows to move, Space to drop), or with
 * the Move buttons. The whole ordered list is what gets saved.
 */
export function PriorityList({
  value,
  onChange,
  editable,
  error,
}: {
  value: LinkPair[];
  onChange: (next: LinkPair[]) => void;
  editable: boolean;
  error?: string;
}) {
  const [listingField, setListingField] = useState<ListingField>("gtin");
  const [scField, setScField] = useState<SellerCloudProductField>("GTIN");
  const [addError, setAddError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const ids = value.map(pairKey);
  const labelOf = (id: unknown) => {
    const pair = value.find((p) => pairKey(p) === id);
    return pair ? pairLabel(pair) : String(id);
  };
  const positionOf = (id: unknown) => ids.indexOf(String(id)) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${labelOf(active.id)}, position ${positionOf(active.id)} of ${ids.length}.`,
    onDragOver: ({ active, over }) =>
      over ? `${labelOf(active.id)} moved to position ${positionOf(over.id)} of ${ids.length}.` : undefined,
    onDragEnd: ({ active, over }) =>
      over ? `Dropped ${labelOf(active.id)} at position ${positionOf(over.id)} of ${ids.length}.` : undefined,
    onDragCancel: ({ active }) => `Reordering canceled. ${labelOf(active.id)} stays where it was.`,
  };

  const move = (from: number, to: number) => {
    if (to < 0 || to >= value.length) return;
    const next = arrayMove(value, from, to);
    onChange(next);
    setAnnouncement(`${pairLabel(value[from] as LinkPair)} is now number ${to + 1} of ${value.length}.`);
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    onChange(arrayMove(value, ids.indexOf(String(active.id)), ids.indexOf(String(over.id))));
  };
  const add = () => {
    const pair = { listingField, sellercloudField: scField };
    if (ids.includes(pairKey(pair))) {
      setAddError(`${pairLabel(pair)} is already in the list.`);
      return;
    }
    setAddError(null);
    onChange([...value, pair]);
    setAnnouncement(`Added ${pairLabel(pair)} as number ${value.length + 1}.`);
  };

  return (
    <div className="space-y-3">
      <DndContext
        sensors={sensors}
        collisionDetection={closestCenter}
        onDragEnd={onDragEnd}
        accessibility={{
          announcements,
          screenReaderInstructions: {
            draggable:
              "To reorder, press Space to pick up the pair, use the arrow keys to move it, and Space again to drop it. Press Escape to cancel.",
          },
        }}
      >
        <SortableContext items={ids} strategy={verticalListSortingStrategy}>
          <ol
            aria-label="Linking priority, tried from top to bottom"
            className="space-y-2"
            aria-describedby={error ? "priority-error" : undefined}
          >
            {value.map((pair, index) => (
              <SortableRow
                key={pairKey(pair)}
                pair={pair}
                index={index}
                count={value.length}
                editable={editable}
                onMove={move}
                onRemove={() => {
                  onChange(value.filter((_, i) => i !== index));
                  setAnnouncement(`Removed ${pairLabel(pair)}.`);
                }}
              />
            ))}
          </ol>
        </SortableContext>
      </DndContext>
      {error && (
        <p id="priority-error" role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      {editable && (
        <fieldset className="flex flex-wrap items-end gap-3 rounded-md border border-dashed border-slate-300 p-3">
          <legend className="px-1 text-sm font-medium text-slate-800">Add a pair</legend>
          <label className="space-y-1 text-sm text-slate-800">
            <span className="block">Listing field</span>
            <SelectInput
              value={listingField}
              onChange={(e) => setListingField(e.target.value as ListingField)}
              className="w-36"
            >
              {LISTING_FIELDS.map((f) => (
                <option key={f} value={f}>
                  {LISTING_LABELS[f]}
                </option>
              ))}
            </SelectInput>
          </label>
          <label className="space-y-1 text-sm text-slate-800">
            <span className="block">SellerCloud field</span>
            <SelectInput
              value={scField}
              onChange={(e) => setScField(e.target.value as SellerCloudProductField)}
              className="w-44"
            >
              {SELLERCLOUD_PRODUCT_FIELDS.map((f) => (
                <option key={f} value={f}>
                  {SC_LABELS[f]}
                </option>
              ))}
            </SelectInput>
          </label>
          <Button variant="secondary" onClick={add}>
            Add pair
          </Button>
          {addError && (
            <p role="alert" className="w-full text-sm text-red-700">
              {addError}
            </p>
          )}
        </fieldset>
      )}
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}
