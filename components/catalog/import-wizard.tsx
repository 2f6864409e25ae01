"use client";

/** The catalog import page: upload a CSV, match its columns, preview, import with progress, then the result. */

import { useEffect, useRef, useState, useTransition } from "react";
import type { CatalogField, ColumnMapping } from "@/lib/catalog/fields";
import { checkColumnMapping } from "@/lib/catalog/fields";
import type { ImportResult as Result } from "@/lib/catalog/import";
import type { CatalogPreview } from "@/lib/catalog/import-preview";
import { type ImportProgress, importProgressView } from "@/lib/catalog/import-progress";
import type { CatalogFileInfo } from "@/lib/catalog/import-row";
import { PREVIEW_BYTES } from "@/lib/catalog/input-schemas";
import { previewCatalogAction } from "@/lib/server/actions/catalog-actions";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { useHydrated } from "../ui/use-hydrated";
import { FileReadNotes } from "./file-read-notes";
import { formatBytes, formatCount } from "./format";
import { ImportResult } from "./import-result";
import { MappingForm } from "./mapping-form";
import { PreviewTable } from "./preview-table";
import { estimateRows, type FileHead, readHead, readServerProgress, uploadCatalog } from "./upload";

type Step = "choose" | "map" | "importing" | "done";
const STEPS: Array<{ id: Step; label: string }> = [
  { id: "choose", label: "Choose a file" },
  { id: "map", label: "Match columns and preview" },
  { id: "importing", label: "Import" },
  { id: "done", label: "Result" },
];

interface Loaded {
  file: File;
  head: FileHead;
  /** How the server read the file: encoding, delimiter, repeated headers, cleaning, a stop. */
  info: CatalogFileInfo;
  /** Column keys: the header, with repeated names told apart by position. */
  headers: string[];
  suggested: ColumnMapping;
  rows: CatalogPreview["rows"];
  estimatedRows: number | null;
}

/** Upload a CSV -> match its columns (suggested, editable) -> preview the first rows -> streamed import -> result. */
export function ImportWizard() {
  const [step, setStep] = useState<Step>("choose");
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [serverProblems, setServerProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ sent: number; total: number }>({ sent: 0, total: 0 });
  // Rows the server has written, polled while importing: the bytes sent run ahead of them.
  const [serverProgress, setServerProgress] = useState<ImportProgress | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [reading, startReading] = useTransition();
  const hydrated = useHydrated();
  const [previewing, startPreview] = useTransition();
  const abortRef = useRef<(() => void) | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  // Each step's heading takes focus, so keyboard and screen-reader users land on what changed.
  useEffect(() => {
    if (step !== "choose") headingRef.current?.focus();
  }, [step]);

  // Leaving the page mid-import stops the upload (rows already written stay, as the result would say).
  useEffect(() => () => abortRef.current?.(), []);

  const chooseFile = (file: File | undefined) => {
    setError(null);
    if (!file) return;
    if (file.size === 0) {
      setError("That file is empty: it needs a header row and at least one data row.");
      return;
    }
    startReading(async () => {
      const head = await readHead(file, PREVIEW_BYTES);
      const preview = await previewCatalogAction(head);
      if (!preview.ok) {
        setError(preview.error);
        if (inputRef.current) inputRef.current.value = "";
        return;
      }
      const { headers, suggestedMapping, rows, format, duplicateHeaders, cleanedCells, stopped } = preview.data;
      const info = { format, duplicateHeaders, cleanedCells, stopped };
      setLoaded({ file, head, info, headers, suggested: suggestedMapping, rows, estimatedRows: null });
      setMapping(suggestedMapping);
      setServerProblems({});
      setStep("map");
      // Counting lines reads the whole file in the browser; fine for hundreds of MB, and only a hint.
      void estimateRows(file).then((n) =>
        setLoaded((current) => (current?.file === file ? { ...current, estimatedRows: n } : current)),
      );
    });
  };

  const changeMapping = (field: CatalogField, header: string | undefined) => {
    if (!loaded) return;
    const next = { ...mapping };
    if (header === undefined) delete next[field];
    else next[field] = header;
    setMapping(next);
    setServerProblems({});
    if (Object.keys(checkColumnMapping(next, loaded.headers)).length > 0) return;
    startPreview(async () => {
      const preview = await previewCatalogAction({ ...loaded.head, mapping: next });
      if (preview.ok) setLoaded((current) => (current ? { ...current, rows: preview.data.rows } : current));
      else setError(preview.error);
    });
  };

  const problems = loaded ? { ...checkColumnMapping(mapping, loaded.headers), ...serverProblems } : {};
  const canImport = loaded !== null && Object.keys(problems).length === 0 && !previewing;

  const startImport = async () => {
    if (!loaded || !canImport) return;
    setError(null);
    setProgress({ sent: 0, total: loaded.file.size });
    setServerProgress(null);
    setStep("importing");
    const importId = crypto.randomUUID();
    const upload = uploadCatalog(loaded.file, mapping, importId, (sent, total) => setProgress({ sent, total }));
    abortRef.current = upload.abort;
    let polling = true;
    const poll = async () => {
      while (polling) {
        await new Promise((resolve) => setTimeout(resolve, 750));
        if (!polling) break;
        const read = await readServerProgress(importId);
        if (polling && read) setServerProgress(read);
      }
    };
    void poll();
    const outcome = await upload.done;
    polling = false;
    abortRef.current = null;
    if (outcome.ok) {
      setResult(outcome.result);
      setStep("done");
      return;
    }
    setError(outcome.error);
    if (outcome.fieldErrors) setServerProblems(outcome.fieldErrors);
    setStep("map");
  };

  const reset = () => {
    setLoaded(null);
    setMapping({});
    setResult(null);
    setError(null);
    setStep("choose");
    if (inputRef.current) inputRef.current.value = "";
  };

  const current = STEPS.findIndex((s) => s.id === step);
  const view = importProgressView({
    bytesSent: progress.sent,
    bytesTotal: progress.total,
    estimatedRows: loaded?.estimatedRows ?? null,
    server: serverProgress,
  });

  return (
    <div className="space-y-6">
      <ol className="flex flex-wrap gap-2 text-sm" aria-label="Import steps">
        {STEPS.map((s, i) => (
          <li
            key={s.id}
            aria-current={i === current ? "step" : undefined}
            className={`rounded-full px-3 py-1 ${i === current ? "bg-brand-600 text-white" : i < current ? "bg-brand-50 text-brand-800" : "bg-slate-100 text-slate-600"}`}
          >
            {i + 1}. {s.label}
          </li>
        ))}
      </ol>

      {error && <Alert tone="error">{error}</Alert>}

      {step === "choose" && (
        <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-6" aria-labelledby="choose-heading">
          <h2 id="choose-heading" className="text-lg font-semibold">
            Choose a CSV file
          </h2>
          <p className="text-sm text-slate-600">
            One row per variant, with a header row. Columns can be named as you like: you match them to Conduit’s fields
            next. Nothing is imported until you confirm.
          </p>
          <div className="space-y-1">
            <label htmlFor="catalog-file" className="block text-sm font-medium text-slate-800">
              CSV file
            </label>
            <input
              ref={inputRef}
              id="catalog-file"
              type="file"
              accept=".csv,text/csv"
              // Enabled once hydrated: a file chosen earlier would reach no change handler.
              disabled={reading || !hydrated}
              aria-describedby="catalog-file-hint"
              onChange={(event) => chooseFile(event.target.files?.[0])}
              className="block text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-medium hover:file:bg-slate-50"
            />
            <p id="catalog-file-hint" className="text-xs text-slate-600">
              Large files are fine: the file is read as it is imported.{" "}
              <a href="/sample-catalog.csv" download="sample-catalog.csv" className="text-brand-700 underline">
                Download the sample CSV
              </a>{" "}
              to see the expected columns.
            </p>
          </div>
          {reading && (
            <p role="status" className="text-sm text-slate-700">
              Reading the file…
            </p>
          )}
        </section>
      )}

      {step === "map" && loaded && (
        <>
          <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-6" aria-labelledby="map-heading">
            <div>
              <h2 id="map-heading" ref={headingRef} tabIndex={-1} className="text-lg font-semibold outline-none">
                Match the columns
              </h2>
              <p className="mt-1 text-sm text-slate-600">
                {loaded.file.name} · {formatBytes(loaded.file.size)} · {loaded.headers.length} column(s)
                {loaded.estimatedRows !== null && ` · about ${formatCount(loaded.estimatedRows)} row(s)`}. We suggested
                a column for each field we recognised; change any of them. Fields you don’t import keep their stored
                values.
              </p>
            </div>
            <FileReadNotes info={loaded.info} preview />
            <MappingForm
              headers={loaded.headers}
              mapping={mapping}
              suggested={loaded.suggested}
              problems={problems}
              onChange={changeMapping}
            />
          </section>
          <section className="space-y-3" aria-labelledby="preview-heading" aria-busy={previewing}>
            <h2 id="preview-heading" className="text-base font-semibold">
              Preview {previewing && <span className="text-sm font-normal text-slate-600">(updating…)</span>}
            </h2>
            {Object.keys(problems).length > 0 ? (
              <p className="text-sm text-slate-700">Fix the column choices above to see the preview.</p>
            ) : (
              <PreviewTable headers={loaded.headers} mapping={mapping} rows={loaded.rows} />
            )}
          </section>
          <div className="flex flex-wrap items-center gap-3">
            <Button onClick={startImport} disabled={!canImport}>
              Import {loaded.estimatedRows !== null ? `about ${formatCount(loaded.estimatedRows)} row(s)` : "the file"}
            </Button>
            <Button variant="secondary" onClick={reset}>
              Choose another file
            </Button>
            {!canImport && !previewing && (
              <p className="text-sm text-slate-700">Fix the column choices marked above first.</p>
            )}
          </div>
        </>
      )}

      {step === "importing" && loaded && (
        <section
          className="space-y-4 rounded-lg border border-slate-200 bg-white p-6"
          aria-labelledby="importing-heading"
          aria-busy="true"
        >
          <h2 id="importing-heading" ref={headingRef} tabIndex={-1} className="text-lg font-semibold outline-none">
            Importing {loaded.file.name}
          </h2>
          <div>
            <div className="flex justify-between text-sm text-slate-700" role="status" aria-live="polite">
              <span>{view.label}</span>
              {view.percent !== null && <span>{view.percent}%</span>}
            </div>
            <div
              className="mt-1 h-2 w-full overflow-hidden rounded bg-slate-200"
              role="progressbar"
              aria-label="Import progress"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={view.percent ?? undefined}
              aria-valuetext={view.label}
            >
              <div
                className={`h-full bg-brand-600 transition-all ${view.percent === null ? "animate-pulse" : ""}`}
                style={{ width: `${view.percent ?? 100}%` }}
              />
            </div>
          </div>
          <p className="text-sm text-slate-600">
            Rows are saved in batches as they are read. If you stop, the rows already saved are kept; importing the same
            file again finishes the rest and changes nothing else.
          </p>
          <Button variant="secondary" onClick={() => abortRef.current?.()}>
            Stop the import
          </Button>
        </section>
      )}

      {step === "done" && result && loaded && (
        <section className="space-y-4" aria-labelledby="done-heading">
          <h2 id="done-heading" ref={headingRef} tabIndex={-1} className="text-lg font-semibold outline-none">
            Import result
          </h2>
          <ImportResult result={result} fileName={loaded.file.name} onAnother={reset} />
        </section>
      )}
    </div>
  );
}
