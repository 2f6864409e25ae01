/**
 * What a file is, from its first bytes: refused when it is not text (a picture, a workbook, an
 * archive renamed .csv), else which text encoding it uses. Pure (no Node or browser APIs beyond
 * TextDecoder), so the browser and the server can share the labels.
 *
 * Encoding rule (issue 13 §6): a byte-order mark decides (UTF-8, UTF-16 LE/BE); else text that is
 * valid UTF-8 is UTF-8; else Windows-1252, what Excel on Windows writes for "CSV" in the Americas and
 * Western Europe. UTF-16 without a mark is recognised by its zero bytes when the text is mostly
 * Latin (every other byte zero); anything else with many control bytes is refused as binary.
 */

export const CSV_ENCODINGS = ["utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1252"] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

/** How the preview and the import result name each encoding. */
export const ENCODING_LABELS: Record<CsvEncoding, string> = {
  "utf-8": "UTF-8",
  "utf-8-bom": "UTF-8 (with byte-order mark)",
  "utf-16le": "UTF-16 LE",
  "utf-16be": "UTF-16 BE",
  "windows-1252": "Windows-1252 (Western European)",
};

/** Bytes looked at for the binary check; the encoding check reads all of the head it is given. */
const BINARY_SAMPLE = 8192;
/** Share of control bytes above which a file is not text (random or compressed bytes: about 10 %). */
const MAX_CONTROL_SHARE = 0.05;
/** A few control bytes in a short text file are cleaned from its cells, not a reason to refuse it. */
const MIN_CONTROLS = 16;

const MAGIC: Array<{ bytes: number[]; what: string }> = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: "a PNG image" },
  { bytes: [0xff, 0xd8, 0xff], what: "a JPEG image" },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: "a GIF image" },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: "a PDF document" },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: "a ZIP archive or an Excel workbook (.xlsx)" },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: "an Excel 97-2003 workbook (.xls)" },
  { bytes: [0x1f, 0x8b], what: "a gzip archive" },
  { bytes: [0x52, 0x61, 0x72, 0x21], what: "a RAR archive" },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], what: "a 7-Zip archive" },
  { bytes: [0x52, 0x49, 0x46, 0x46], what: "a RIFF file (WebP image, WAV audio)" },
  { bytes: [0x49, 0x49, 0x2a, 0x00], what: "a TIFF image" },
  { bytes: [0x4d, 0x4d, 0x00, 0x2a], what: "a TIFF image" },
];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((b, i) => bytes[i] === b);
}

function isControl(byte: number): boolean {
  return byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1b);
}

/** UTF-16 without a byte-order mark: in mostly-Latin text every other byte is zero. */
function utf16WithoutBom(head: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(head.length, BINARY_SAMPLE) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZero++;
    if (head[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.7 && evenZero < pairs * 0.05) return "utf-16le";
  if (evenZero > pairs * 0.7 && oddZero < pairs * 0.05) return "utf-16be";
  return null;
}

/**
 * Why these bytes are not a text file, in words for the person who chose it ("This is a PNG
 * image, not a CSV file…"), or null when they look like text. Reads the first 8 KB: a known
 * file signature (PNG, JPEG, PDF, ZIP/xlsx, xls, gzip…), or more than 5 % control bytes (at least 16;
 * NUL and the like; tab, line breaks and ESC do not count). A few NULs in a text file are not enough to
 * refuse it: they are removed from the cells and counted instead.
 */
export function binaryFileProblem(head: Uint8Array): string | null {
  if (bomEncoding(head) || utf16WithoutBom(head)) return null;
  const save = "Open it in your spreadsheet program and save it as CSV, then choose that file.";
  for (const { bytes, what } of MAGIC) {
    if (startsWith(head, bytes)) return `This file is ${what}, not a CSV file. ${save}`;
  }
  const n = Math.min(head.length, BINARY_SAMPLE);
  let controls = 0;
  for (let i = 0; i < n; i++) if (isControl(head[i]!)) controls++;
  if (controls >= MIN_CONTROLS && controls / n > MAX_CONTROL_SHARE) {
    return `This file is not text (${Math.round((100 * controls) / n)} % of its first bytes are control bytes), so it is not a CSV file. ${save}`;
  }
  return null;
}

function bomEncoding(head: Uint8Array): CsvEncoding | null {
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return "utf-8-bom";
  if (startsWith(head, [0xff, 0xfe])) return "utf-16le";
  if (startsWith(head, [0xfe, 0xff])) return "utf-16be";
  return null;
}

/**
 * The encoding of a file from its head (the first bytes; `complete` when the head is the whole
 * file, so a multi-byte character cut at its end is not mistaken for invalid UTF-8).
 */
export function detectEncoding(head: Uint8Array, complete: boolean): CsvEncoding {
  const bom = bomEncoding(head);
  if (bom) return bom;
  const utf16 = utf16WithoutBom(head);
  if (utf16) return utf16;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: !complete });
    return "utf-8";
  } catch {
    return "windows-1252";
  }
}
