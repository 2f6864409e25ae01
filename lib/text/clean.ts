/**
 * Cleaning text at the edge, before it reaches the database or a person: text from merchants' files
 * and from SellerCloud can hold characters Postgres refuses (U+0000 in text and jsonb), control
 * characters that are invisible noise, and lone UTF-16 surrogates (half of an emoji cut in two)
 * that are not valid Unicode. Shared by every CSV upload and by SellerCloud data.
 */

/**
 * C0 control characters and DEL, without tab (\t), line feed (\n) and carriage return (\r), and
 * UTF-16 surrogate code units (paired ones are checked again below). A fast test: most text has
 * none of these and is returned as it is.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uD800-\uDFFF]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const SUSPECT_NO_BREAKS = /[\u0000-\u001F\u007F\uD800-\uDFFF]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const LINE_BREAKS = /\r\n|[\r\n]/g;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export interface CleanTextOptions {
  /**
   * Keep line breaks (\n, \r) as they are: true for multi-line cells (a quoted CSV cell, an
   * address block); false (the default) turns each line break into one space.
   */
  keepLineBreaks?: boolean;
}

/**
 * Cleans one string: removes NUL and the other C0 control characters except tab (and line
 * breaks when `keepLineBreaks`; otherwise each becomes a space), removes DEL, and replaces a lone
 * UTF-16 surrogate with U+FFFD (the replacement character). Returns the same string when there
 * is nothing to clean, so `cleanText(s) !== s` tells whether anything changed.
 *
 * Why: Postgres refuses U+0000 in text and jsonb ("unsupported Unicode escape sequence" /
 * "invalid byte sequence"), and a lone surrogate cannot be encoded as UTF-8.
 */
export function cleanText(value: string, options: CleanTextOptions = {}): string {
  const suspect = options.keepLineBreaks ? SUSPECT : SUSPECT_NO_BREAKS;
  if (!suspect.test(value)) return value;
  let text = options.keepLineBreaks ? value : value.replace(LINE_BREAKS, " ");
  text = text.replace(CONTROLS, "").replace(LONE_SURROGATE, "\uFFFD");
  return text === value ? value : text;
}

/** Counts what was cleaned, so a run or an import can say "3 cells had control characters removed". */
export class CleaningTally {
  /** Strings (cells, fields) that were changed. */
  changed = 0;

  /** cleanText, counting the strings it changed. */
  clean(value: string, options?: CleanTextOptions): string {
    const cleaned = cleanText(value, options);
    if (cleaned !== value) this.changed++;
    return cleaned;
  }

  /**
   * Cleans every string in a JSON value (object keys too), e.g. a raw SellerCloud record before it
   * is stored as jsonb. Line breaks are kept. Returns the same value when nothing changed, else a
   * copy; counts each changed string once. `onCleaned`, when given, is called with the path of each
   * changed string (`ShippingAddress.StreetLine2`, `Items[0].DisplayName`; a key's own path for a
   * changed key), so a run can say which fields were cleaned.
   */
  cleanJson<T>(value: T, onCleaned?: (path: string) => void): T {
    return cleanJsonValue(value, this, onCleaned, "") as T;
  }
}

function cleanJsonValue(
  value: unknown,
  tally: CleaningTally,
  onCleaned: ((path: string) => void) | undefined,
  path: string,
): unknown {
  if (typeof value === "string") {
    const cleaned = tally.clean(value, { keepLineBreaks: true });
    if (cleaned !== value) onCleaned?.(path);
    return cleaned;
  }
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const cleaned = cleanJsonValue(item, tally, onCleaned, onCleaned ? `${path}[${i}]` : "");
      if (cleaned !== item) {
        copy ??= value.slice();
        copy[i] = cleaned;
      }
    });
    return copy ?? value;
  }
  if (value !== null && typeof value === "object") {
    let copy: Record<string, unknown> | undefined;
    const entries = Object.entries(value as Record<string, unknown>);
    for (const [key, item] of entries) {
      const cleanKey = tally.clean(key, { keepLineBreaks: true });
      // Paths name keys as cleaned: a path may be stored (run events), and must not hold a NUL.
      const keyPath = onCleaned ? (path ? `${path}.${cleanKey}` : cleanKey) : "";
      if (cleanKey !== key) onCleaned?.(keyPath);
      const cleaned = cleanJsonValue(item, tally, onCleaned, keyPath);
      if (cleanKey !== key || cleaned !== item) {
        copy ??= Object.fromEntries(entries);
        if (cleanKey !== key) delete copy[key];
        copy[cleanKey] = cleaned;
      }
    }
    return copy ?? value;
  }
  return value;
}

/** "3 cells had control characters or broken characters removed", or null when there were none. */
export function cleaningSummary(count: number, what = "cell"): string | null {
  if (count === 0) return null;
  return `${count} ${what}${count === 1 ? "" : "s"} had control characters or broken characters removed`;
}
