/** The Audit log page's filters: a plain GET form, so filtered views are links that can be shared. */

import { FilterField, inputClass } from "@/components/ui/field";
import type { AuditFilter } from "@/lib/audit/filters";
import { AUDIT_OBJECT_LABELS, AUDIT_OBJECT_TYPES } from "@/lib/audit/kinds";

export function AuditFilters({ actors, filter }: { actors: string[]; filter: AuditFilter }) {
  return (
    <form
      method="get"
      action="/settings/audit"
      className="flex flex-wrap items-end gap-3"
      aria-label="Filter the audit log"
    >
      <FilterField id="audit-who" label="Person">
        <select id="audit-who" name="who" defaultValue={filter.who ?? ""} className={inputClass}>
          <option value="">Everyone</option>
          {actors.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </FilterField>
      <FilterField id="audit-object" label="Object">
        <select id="audit-object" name="objectType" defaultValue={filter.objectType ?? ""} className={inputClass}>
          <option value="">All objects</option>
          {AUDIT_OBJECT_TYPES.map((t) => (
            <option key={t} value={t}>
              {AUDIT_OBJECT_LABELS[t]}
            </option>
          ))}
        </select>
      </FilterField>
      <FilterField id="audit-object-id" label="Object id">
        <input id="audit-object-id" name="objectId" defaultValue={filter.objectId ?? ""} className={inputClass} />
      </FilterField>
      <FilterField id="audit-from" label="From (UTC)">
        <input id="audit-from" name="from" type="date" defaultValue={filter.from ?? ""} className={inputClass} />
      </FilterField>
      <FilterField id="audit-to" label="To (UTC)">
        <input id="audit-to" name="to" type="date" defaultValue={filter.to ?? ""} className={inputClass} />
      </FilterField>
      <button
        type="submit"
        className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700"
      >
        Filter
      </button>
    </form>
  );
}
