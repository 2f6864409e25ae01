/** recordingLog: a test Logger that keeps every line, so tests can check what the log says (and does not say). */
import type { Logger } from "@/lib/log";

export interface LogLine {
  level: string;
  message: string;
  fields?: Record<string, unknown>;
}

/** A Logger that keeps every line, for tests that check what the log says (and does not say). */
export function recordingLog(): Logger & { lines: LogLine[]; text(): string } {
  const lines: LogLine[] = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    lines.push({ level, message, fields });
  };
  return {
    lines,
    text: () => lines.map((l) => JSON.stringify(l)).join("\n"),
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
  };
}
