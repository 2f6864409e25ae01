/**
 * Reading a merchant's CSV file, the one way every upload does it (catalog import and its preview,
 * shipments, mapping sets): refuse files that are not text, detect the encoding and the delimiter,
 * decode and parse as a stream (memory grows with a row, not the file), clean each cell (control
 * characters, broken characters), name columns uniquely (repeated headers keep both columns), and
 * stop plainly at a quote that never closes instead of swallowing the rest of the file.
 */
import { Readable } from "node:stream";
import { CsvError, parse } from "csv-parse";
import { AppError } from "@/lib/errors";
import { CleaningTally } from "@/lib/text/clean";
import { type CsvColumn, columnsOf, type DuplicateHeader } from "./columns";
import { createTextDecoder } from "./decode";
import { type CsvDelimiter, detectDelimiter } from "./delimiter";
import { binaryFileProblem, type CsvEncoding, detectEncoding } from "./sniff";

export type CsvSource = string | Uint8Array | Readable | AsyncIterable<string | Uint8Array>;

export interface CsvFormat {
  /** "utf-8" for text handed over already decoded. */
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
}

export interface CsvRecord {
  /** Spreadsheet row: the header is row 1, the first data row is row 2 (blank lines not counted). */
  row: number;
  /** The line of the file where the row starts (a quoted cell may span lines). */
  line: number;
  /** Cells, cleaned (see lib/text/clean.ts); line breaks inside quoted cells are kept. */
  cells: string[];
}

/** Reading stopped before the end of the file: nothing from `row` on was read. */
export interface CsvStop {
  row: number;
  /** The line of the file where that row starts. */
  line: number;
  message: string;
}

export interface CsvReadOptions {
  /** Use this encoding instead of detecting it. */
  encoding?: CsvEncoding;
  delimiter?: CsvDelimiter;
  /**
   * The source is only the head of a longer file (a preview): its last row may be cut and is
   * left out, and a quote still open at its end may close further on.
   */
  partial?: boolean;
  /** Trim spaces around every cell (the header is always trimmed). */
  trim?: boolean;
}

export interface CsvFile {
  format: CsvFormat;
  /** The header cells, trimmed. */
  header: string[];
  /** One per header cell, with a unique key (see columns.ts). */
  columns: CsvColumn[];
  duplicates: DuplicateHeader[];
  /** The data rows, in order; read once. Blank rows (no cell with text) are skipped. */
  records(): AsyncGenerator<CsvRecord>;
  /** Set when reading stopped early (after `records()` has ended). */
  readonly stopped: CsvStop | null;
  /** Cells (header included) that had control or broken characters removed. */
  readonly cleanedCells: number;
  /** Stops reading (e.g. a preview that has its rows); the source is released. */
  close(): void;
}

/** Bytes read ahead to decide what the file is (binary, encoding); the delimiter uses less. */
export const SNIFF_BYTES = 1024 * 1024;
/** Longest row accepted; longer almost always means a quote that never closes. */
export const MAX_ROW_CHARS = 1_000_000;

export const EMPTY_FILE_MESSAGE = "The file is empty: it needs a header row and at least one data row.";

type Chunk = string | Uint8Array;

function chunksOf(source: CsvSource): AsyncIterator<Chunk> {
  if (typeof source === "string" || source instanceof Uint8Array) {
    return (async function* () {
      yield source;
    })();
  }
  return (source as AsyncIterable<Chunk>)[Symbol.asyncIterator]();
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function stopMessage(error: CsvError, row: number, line: number, partial: boolean): string {
  const where = `Row ${row} (line ${line})`;
  if (partial && (error.code === "CSV_QUOTE_NOT_CLOSED" || error.code === "CSV_MAX_RECORD_SIZE")) {
    return `${where}: a quote opens in this row and does not close within the part of the file previewed. If it never closes, the import will stop at this row: the rest of the file cannot be read.`;
  }
  if (error.code === "CSV_QUOTE_NOT_CLOSED") {
    return `${where}: a quote opens in this row and is never closed, so the rest of the file could not be read. Rows before it were read; close or remove the quote and import the file again.`;
  }
  if (error.code === "CSV_MAX_RECORD_SIZE") {
    return `${where} is longer than ${MAX_ROW_CHARS.toLocaleString("en-US")} characters: most likely a quote opens there and is never closed. The rest of the file could not be read; fix that row and import the file again.`;
  }
  return `${where} could not be read as CSV (${error.message.split(":")[0]}), so the rest of the file could not be read.`;
}

/**
 * Opens a CSV: reads ahead up to SNIFF_BYTES, refuses a binary file (AppError VALIDATION with a
 * message naming what it is), detects the encoding (unless given) and the delimiter (unless
 * given), and reads the header row. An empty file is a VALIDATION error too. Rows are then read
 * with `records()`; when a quote never closes, `records()` ends at that row and `stopped` says
 * where. Source errors (an aborted upload) are thrown from `records()`.
 */
export async function openCsv(source: CsvSource, options: CsvReadOptions = {}): Promise<CsvFile> {
  const iterator = chunksOf(source);
  const release = () => {
    void iterator.return?.();
    if (source instanceof Readable) source.destroy();
  };

  // Read ahead: the first chunks until SNIFF_BYTES, or the whole source when it is shorter.
  const head: Chunk[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    if (next.value.length === 0) continue;
    head.push(next.value);
    headBytes += next.value.length;
    if (typeof next.value === "string") break;
  }

  let encoding: CsvEncoding = options.encoding ?? "utf-8";
  let toText: (chunk: Chunk) => string;
  let finish: () => string;
  if (head.length > 0 && typeof head[0] !== "string") {
    const bytes = concat(head as Uint8Array[], headBytes);
    const problem = binaryFileProblem(bytes);
    if (problem) {
      release();
      throw new AppError("VALIDATION", problem);
    }
    encoding = options.encoding ?? detectEncoding(bytes, ended && !options.partial);
    const decoder = createTextDecoder(encoding);
    toText = (chunk) => (typeof chunk === "string" ? chunk : decoder.write(chunk));
    finish = () => decoder.end();
    head.splice(0, head.length, bytes);
  } else {
    let first = true;
    toText = (chunk) => {
      const text = typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk, { stream: true });
      if (!first) return text;
      first = false;
      return text.replace(/^\uFEFF/, "");
    };
    finish = () => "";
  }

  const headText = head.map(toText);
  const delimiter = options.delimiter ?? detectDelimiter(headText.join(""));
  const tally = new CleaningTally();

  async function* text(): AsyncGenerator<string> {
    yield* headText;
    if (!ended) {
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        yield toText(next.value);
      }
    }
    const rest = finish();
    if (rest) yield rest;
  }

  const input = Readable.from(text(), { objectMode: false });
  const parser = parse({
    delimiter,
    info: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_ROW_CHARS,
  });
  input.on("error", (error) => parser.destroy(error));
  input.pipe(parser);

  // Records are taken from 'data' events, not the stream's async iterator: on an error (a quote
  // that never closes) the iterator would drop the rows parsed just before it.
  type Parsed = { record: string[]; info: { records: number; lines: number } };
  const queue: Parsed[] = [];
  let parserDone = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  parser.on("data", (parsed: Parsed) => {
    queue.push(parsed);
    if (queue.length >= 512) parser.pause();
    notify();
  });
  parser.on("end", () => {
    parserDone = true;
    notify();
  });
  parser.on("error", (error) => {
    failure ??= error;
    parserDone = true;
    notify();
  });
  const pull = async (): Promise<Parsed | null> => {
    while (queue.length === 0 && !parserDone) await new Promise<void>((resolve) => (wake = resolve));
    const parsed = queue.shift();
    if (parsed) {
      if (queue.length < 128 && parser.isPaused()) parser.resume();
      return parsed;
    }
    if (failure) throw failure;
    return null;
  };

  let stopped: CsvStop | null = null;
  /** Rows read so far and the line the last one ended on, for where a failure starts. */
  let lastRow = 0;
  let lastLine = 0;
  const clean = (cell: string) => {
    const cleaned = tally.clean(cell, { keepLineBreaks: true });
    return options.trim ? cleaned.trim() : cleaned;
  };
  const next = async (): Promise<CsvRecord | null> => {
    try {
      const parsed = await pull();
      if (!parsed) return null;
      lastRow = parsed.info.records;
      const record = { row: lastRow, line: lastLine + 1, cells: parsed.record.map(clean) };
      lastLine = parsed.info.lines;
      return record;
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      const row = lastRow + 1;
      stopped = { row, line: lastLine + 1, message: stopMessage(error, row, lastLine + 1, Boolean(options.partial)) };
      return null;
    }
  };

  const first = await next();
  if (!first) {
    release();
    if (stopped) throw new AppError("VALIDATION", (stopped as CsvStop).message);
    throw new AppError("VALIDATION", EMPTY_FILE_MESSAGE);
  }
  const header = first.cells.map((cell) => cell.trim());
  const { columns, duplicates } = columnsOf(header);

  let closed = false;
  return {
    format: { encoding, delimiter },
    header,
    columns,
    duplicates,
    async *records() {
      // In a head, the last row may be cut: each row is given once the next one has been read.
      let held: CsvRecord | null = null;
      for (;;) {
        if (closed) return;
        const record = await next();
        if (!record) break;
        if (record.cells.every((cell) => cell.trim() === "")) continue;
        if (!options.partial) {
          yield record;
          continue;
        }
        if (held) yield held;
        held = record;
      }
      // A row before a stop is whole; at the end of a head, the last row may be cut.
      if (held && stopped) yield held;
    },
    get stopped() {
      return stopped;
    },
    get cleanedCells() {
      return tally.changed;
    },
    close() {
      closed = true;
      parser.destroy();
      input.destroy();
      release();
    },
  };
}
