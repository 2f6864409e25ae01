/**
 * The migrations folder: strictly ordered (the migrator skips a migration older than the last one
 * applied, silently) and no landed migration edited (a database that ran it never runs the edit).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkMigrations, landNewMigrations, migrationHash } from "./migrations-check";

const FOLDER = path.join(process.cwd(), "db", "migrations");

describe("db/migrations", () => {
  it("is strictly ordered, complete, and every landed migration is unchanged", () => {
    expect(checkMigrations(FOLDER)).toEqual([]);
  });
});

describe("checkMigrations", () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const folderWith = (entries: Array<{ tag: string; when: number }>) => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "conduit-migrations-"));
    fs.mkdirSync(path.join(dir, "meta"));
    fs.writeFileSync(
      path.join(dir, "meta", "_journal.json"),
      JSON.stringify({ entries: entries.map((e, idx) => ({ idx, version: "7", breakpoints: true, ...e })) }),
    );
    for (const e of entries) fs.writeFileSync(path.join(dir, `${e.tag}.sql`), `-- ${e.tag}\nSELECT 1;\n`);
    return dir;
  };

  it("accepts an ordered folder once its migrations are landed", () => {
    const folder = folderWith([
      { tag: "0000_init", when: 100 },
      { tag: "0001_more", when: 200 },
    ]);
    expect(landNewMigrations(folder)).toEqual(["0000_init", "0001_more"]);
    expect(checkMigrations(folder)).toEqual([]);
  });

  it("refuses a migration whose timestamp is older than the one before it", () => {
    const folder = folderWith([
      { tag: "0000_init", when: 200 },
      { tag: "0001_more", when: 100 },
    ]);
    landNewMigrations(folder);
    expect(checkMigrations(folder)).toEqual([
      expect.stringMatching(/^0001_more: its timestamp .* not later than 0000_init/),
    ]);
  });

  it("refuses a landed migration edited afterwards, and says to write a new one", () => {
    const folder = folderWith([{ tag: "0000_init", when: 100 }]);
    landNewMigrations(folder);
    fs.appendFileSync(path.join(folder, "0000_init.sql"), "ALTER TABLE t ADD COLUMN c int;\n");
    expect(checkMigrations(folder)).toEqual([
      expect.stringMatching(/^0000_init.sql was edited after it landed.*new migration/),
    ]);
    // db:land never rewrites a recorded hash.
    expect(landNewMigrations(folder)).toEqual([]);
    expect(checkMigrations(folder)).toHaveLength(1);
  });

  it("refuses tags that do not match their files or position, and files missing from the journal", () => {
    const folder = folderWith([
      { tag: "0000_init", when: 100 },
      { tag: "0002_skip", when: 200 },
    ]);
    landNewMigrations(folder);
    fs.writeFileSync(path.join(folder, "0003_orphan.sql"), "SELECT 1;\n");
    fs.rmSync(path.join(folder, "0000_init.sql"));
    expect(checkMigrations(folder)).toEqual([
      expect.stringMatching(/^0000_init: the journal lists it but 0000_init.sql is missing/),
      expect.stringMatching(/^0002_skip: the tag's number does not match its position 1/),
      expect.stringMatching(/^0003_orphan.sql is not in meta\/_journal.json/),
      expect.stringMatching(/^0000_init has landed but 0000_init.sql is gone/),
    ]);
  });

  it("asks for new migrations to be landed, and hashes CRLF like LF", () => {
    const folder = folderWith([{ tag: "0000_init", when: 100 }]);
    expect(checkMigrations(folder)).toEqual([
      expect.stringMatching(/^0000_init is not in db\/migrations\/landed.json/),
    ]);
    expect(migrationHash("a;\r\nb;\r\n")).toBe(migrationHash("a;\nb;\n"));
  });
});
