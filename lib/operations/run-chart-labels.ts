/**
 * The x-axis labels of the Runs page's charts: the shortest UTC form that tells neighbouring runs
 * apart ("09:30" within a day, "05-01 09:30" across days, seconds when two runs share a minute),
 * and a label that still repeats its left neighbour is left blank, so the axis never reads
 * "09:30 09:30 09:30" (issue 14 §14). Framework-free.
 */

const FORMATS: Array<(iso: string) => string> = [
  (iso) => iso.slice(11, 16), // 09:30
  (iso) => `${iso.slice(5, 10)} ${iso.slice(11, 16)}`, // 05-01 09:30
  (iso) => `${iso.slice(5, 10)} ${iso.slice(11, 19)}`, // 05-01 09:30:15
];

/** One label per date, in the order given (oldest first). */
export function runChartLabels(dates: readonly Date[]): string[] {
  const isos = dates.map((d) => d.toISOString());
  const sameDay = new Set(isos.map((iso) => iso.slice(0, 10))).size <= 1;
  const candidates = sameDay ? [FORMATS[0]!, FORMATS[2]!] : [FORMATS[1]!, FORMATS[2]!];
  // The first format under which no two neighbours look the same, else the most precise one.
  const format =
    candidates.find((f) => isos.every((iso, i) => i === 0 || f(iso) !== f(isos[i - 1]!))) ?? candidates.at(-1)!;
  const labels = isos.map(format);
  return labels.map((label, i) => (i > 0 && label === labels[i - 1] ? "" : label));
}

/** The tooltip's title for a run: its full UTC time. */
export function runChartTitle(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}
