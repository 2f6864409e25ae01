/** The catalog import's column mapping: which CSV column each catalog field is read from. */

import { CATALOG_FIELD_LABELS, type CatalogField, type ColumnMapping, IMPORT_FIELDS } from "@/lib/catalog/fields";
import { inputClass } from "../ui/field";

const HINTS: Partial<Record<CatalogField, string>> = {
  listing: "Groups variants under one listing; without it each SKU is its own listing.",
  sku: "Required. SKUs are compared without case.",
  tags: "Separated by commas, semicolons or |.",
  cost: "Amounts like 12.99 or $1,234.50 (12,99 in a semicolon-separated file); more decimals are rounded to the cent.",
  quantity: "A whole number, 0 or more.",
};

/**
 * One dropdown per catalog field: which CSV column it is read from, or not imported. Columns are
 * listed by key, so a header name used twice appears as "UPC (column 3)" and "UPC (column 4)".
 */
export function MappingForm({
  headers,
  mapping,
  suggested,
  problems,
  disabled,
  onChange,
}: {
  headers: string[];
  mapping: ColumnMapping;
  suggested: ColumnMapping;
  problems: Record<string, string>;
  disabled?: boolean;
  onChange: (field: CatalogField, header: string | undefined) => void;
}) {
  return (
    <fieldset disabled={disabled} className="grid gap-x-6 gap-y-4 sm:grid-cols-2 lg:grid-cols-3">
      <legend className="sr-only">Column mapping</legend>
      {IMPORT_FIELDS.map((field) => {
        const id = `map-${field}`;
        const problem = problems[field];
        const hintId = `${id}-hint`;
        const errorId = `${id}-error`;
        return (
          <div key={field} className="space-y-1">
            <label htmlFor={id} className="block text-sm font-medium text-slate-800">
              {CATALOG_FIELD_LABELS[field]}
              {field === "sku" && <span className="text-red-700"> *</span>}
            </label>
            <select
              id={id}
              value={mapping[field] ?? ""}
              onChange={(event) => onChange(field, event.target.value || undefined)}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? errorId : hintId}
              className={inputClass}
            >
              <option value="">Don’t import</option>
              {headers.map((header) => (
                <option key={header} value={header}>
                  {header}
                  {suggested[field] === header ? " (suggested)" : ""}
                </option>
              ))}
            </select>
            {problem ? (
              <p id={errorId} role="alert" className="text-sm text-red-700">
                {problem}
              </p>
            ) : (
              <p id={hintId} className="text-xs text-slate-600">
                {HINTS[field] ??
                  (mapping[field] ? `From column “${mapping[field]}”.` : "Not imported; stored values are kept.")}
              </p>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
