/**
 * Checks the migrations folder the way the migrator cannot: drizzle's migrator applies, in journal
 * order, only migrations whose `when` is newer than the last applied one, so a migration with an
 * older timestamp is skipped silently, and an edited migration that already ran somewhere is never
 * re-run there. This module finds both before they land (db/migrations.test.ts runs it).
 *
 * landed.json lists every migration that has landed with the sha256 of its SQL file (the same hash
 * drizzle records in drizzle.__drizzle_migrations); `npm run db:land` adds new ones.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

export interface LandedMigrations {
  /** tag → sha256 (hex) of `<tag>.sql`, line endings normalised to \n. */
  migrations: Record<string, string>;
}

export const LANDED_FILE = "landed.json";

/** sha256 of a migration's SQL, with CRLF read as LF so a Windows checkout hashes alike. */
export function migrationHash(sqlText: string): string {
  return crypto.createHash("sha256").update(sqlText.replace(/\r\n/g, "\n")).digest("hex");
}

export function readJournal(folder: string): JournalEntry[] {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, "meta", "_journal.json"), "utf8")) as {
    entries: JournalEntry[];
  };
  return journal.entries;
}

export function readLanded(folder: string): LandedMigrations {
  const file = path.join(folder, LANDED_FILE);
  if (!fs.existsSync(file)) return { migrations: {} };
  return JSON.parse(fs.readFileSync(file, "utf8")) as LandedMigrations;
}

/**
 * Every problem with the folder, as sentences naming the migration; [] when all is well.
 * Checks: journal entries numbered 0..n-1 in order, `when` strictly increasing, each tag's SQL file
 * present and each SQL file in the journal, every landed migration still present and unchanged,
 * and every migration landed (so an edit after `npm run db:land` is caught).
 */
export function checkMigrations(folder: string): string[] {
  const problems: string[] = [];
  const entries = readJournal(folder);
  const landed = readLanded(folder).migrations;
  const sqlFiles = fs
    .readdirSync(folder)
    .filter((name) => name.endsWith(".sql"))
    .map((name) => name.slice(0, -".sql".length));

  entries.forEach((entry, position) => {
    if (entry.idx !== position) problems.push(`${entry.tag}: journal idx is ${entry.idx}, expected ${position}.`);
    const previous = entries[position - 1];
    if (previous && !(entry.when > previous.when))
      problems.push(
        `${entry.tag}: its timestamp (when ${entry.when}) is not later than ${previous.tag}'s (${previous.when}); ` +
          "the migrator would skip it on every database that already ran the earlier one. Regenerate it.",
      );
    if (!/^\d{4}_/.test(entry.tag) || Number(entry.tag.slice(0, 4)) !== position)
      problems.push(`${entry.tag}: the tag's number does not match its position ${position} in the journal.`);
    if (!sqlFiles.includes(entry.tag))
      problems.push(`${entry.tag}: the journal lists it but ${entry.tag}.sql is missing.`);
  });
  for (const file of sqlFiles) {
    if (!entries.some((entry) => entry.tag === file))
      problems.push(`${file}.sql is not in meta/_journal.json: the migrator would never apply it.`);
  }
  for (const [tag, hash] of Object.entries(landed)) {
    const file = path.join(folder, `${tag}.sql`);
    if (!fs.existsSync(file)) {
      problems.push(`${tag} has landed but ${tag}.sql is gone: a landed migration is never removed.`);
      continue;
    }
    if (migrationHash(fs.readFileSync(file, "utf8")) !== hash)
      problems.push(
        `${tag}.sql was edited after it landed: databases that already ran it will never run the change. ` +
          "Put the change in a new migration (npm run db:generate) and restore this file.",
      );
  }
  for (const entry of entries) {
    if (!(entry.tag in landed))
      problems.push(`${entry.tag} is not in db/migrations/${LANDED_FILE}: run \`npm run db:land\` and commit it.`);
  }
  return problems;
}

/** Adds every journal migration missing from landed.json (never rewrites a recorded hash); returns their tags. */
export function landNewMigrations(folder: string): string[] {
  const landed = readLanded(folder);
  const added: string[] = [];
  for (const entry of readJournal(folder)) {
    if (entry.tag in landed.migrations) continue;
    landed.migrations[entry.tag] = migrationHash(fs.readFileSync(path.join(folder, `${entry.tag}.sql`), "utf8"));
    added.push(entry.tag);
  }
  fs.writeFileSync(path.join(folder, LANDED_FILE), `${JSON.stringify(landed, null, 2)}\n`);
  return added;
}
