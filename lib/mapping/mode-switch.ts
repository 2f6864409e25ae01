/**
 * Switching a template row's mode (Field, Value, Mapping set, Rules…) and back keeps what the row
 * held in each mode during the edit: picking Value, then Field again, brings back the field that
 * was picked (issue 14 §10). Framework-free; the editor keeps the memory per row.
 */
import type { FieldMapping, MappingMode } from "./template";

/** What a row held in each mode it has left, for this editing session. */
export type ModeMemory = Partial<Record<MappingMode, FieldMapping>>;

function pathOf(mapping: FieldMapping): string {
  return mapping.mode === "field" || mapping.mode === "mapping_set" ? mapping.path : "";
}

/**
 * The row's mapping in `mode`: what it held in that mode before, else `fresh` (a new mapping,
 * which carries over the current source field where it applies). A remembered mapping without a
 * source field takes the current one. Returns the memory with the mode being left recorded.
 */
export function switchMappingMode(
  current: FieldMapping,
  mode: MappingMode,
  memory: ModeMemory,
  fresh: () => FieldMapping,
): { mapping: FieldMapping; memory: ModeMemory } {
  const next: ModeMemory = { ...memory, [current.mode]: current };
  if (mode === current.mode) return { mapping: current, memory: next };
  const remembered = memory[mode];
  if (!remembered) return { mapping: fresh(), memory: next };
  const path = pathOf(current);
  if (path && (remembered.mode === "field" || remembered.mode === "mapping_set") && !remembered.path)
    return { mapping: { ...remembered, path }, memory: next };
  return { mapping: remembered, memory: next };
}
