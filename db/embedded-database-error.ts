/**
 * The embedded database's folder could not be opened: a plain explanation for `npm start` to print
 * once (instead of a stack trace per request), saying what happened, that a backup of the folder
 * is the way back, and how to make and restore one.
 */
import path from "node:path";

export class EmbeddedDatabaseUnreadableError extends Error {
  /** The data folder (DATA_DIR), absolute. */
  readonly folder: string;

  constructor(pgdata: string, cause: unknown, options: { existed: boolean; lockDir?: string }) {
    const folder = path.resolve(options.lockDir ?? pgdata);
    const said = cause instanceof Error ? cause.message : String(cause);
    const inside = path.relative(process.cwd(), folder);
    const relative = inside && !inside.startsWith("..") && !path.isAbsolute(inside) ? inside : folder;
    const what = options.existed
      ? `Its files in ${path.resolve(pgdata)} are damaged or incomplete (PGlite said: "${said.trim()}"). ` +
        "This happens when two processes used the folder at once, the disk filled up, or the folder was copied while Conduit was running."
      : `Creating it in ${path.resolve(pgdata)} failed: ${said.trim()}. Check that the folder is writable and the disk has room.`;
    super(
      [
        `Conduit could not open its embedded database in the data folder ${folder}.`,
        what,
        "",
        "The way back is a backup of the data folder. To restore one:",
        `  1. keep the damaged folder aside:   mv ${relative} ${relative}-damaged`,
        `  2. put the backup in its place:     cp -a /path/to/your-backup ${relative}`,
        "  3. start again:                     npm start",
        "Without a backup, moving the damaged folder aside and starting again gives an empty database.",
        "",
        "To make a backup (do this regularly): stop Conduit, then copy the whole folder, e.g.",
        `  cp -a ${relative} ${relative}-backup-$(date +%Y%m%d)`,
      ].join("\n"),
    );
    this.name = "EmbeddedDatabaseUnreadableError";
    this.folder = folder;
    this.cause = cause;
  }
}
