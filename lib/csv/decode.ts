/**
 * Bytes to text in a file's encoding, a chunk at a time: a character split between two chunks is
 * decoded whole, and a byte-order mark is dropped. iconv-lite rather than Node's TextDecoder:
 * Node 20's TextDecoder("windows-1252") decodes 0x80-0x9F as Latin-1 control characters, so
 * Men\x92s would read as "Men\u0092s" instead of "Men’s".
 */

import iconv from "iconv-lite";
import type { CsvEncoding } from "./sniff";

const ICONV_NAMES: Record<CsvEncoding, string> = {
  "utf-8": "utf8",
  "utf-8-bom": "utf8",
  "utf-16le": "utf16le",
  "utf-16be": "utf16be",
  "windows-1252": "windows1252",
};

export interface TextDecoderStream {
  /** The text of these bytes (a character cut at the end waits for the next chunk). */
  write(bytes: Uint8Array): string;
  /** What is left: a cut character at the very end becomes U+FFFD. */
  end(): string;
}

/** A streaming decoder for one file. Invalid bytes become U+FFFD, the replacement character. */
export function createTextDecoder(encoding: CsvEncoding): TextDecoderStream {
  const decoder = iconv.getDecoder(ICONV_NAMES[encoding], { stripBOM: true });
  return {
    write: (bytes) => decoder.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
    end: () => decoder.end() ?? "",
  };
}
