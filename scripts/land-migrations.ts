/**
 * `npm run db:land`: records the sha256 of every migration in db/migrations not yet in
 * db/migrations/landed.json, so db/migrations.test.ts fails if it is edited afterwards.
 * Run it once a new migration is final (after `npm run db:generate`), and commit landed.json with it.
 */
import path from "node:path";
import { checkMigrations, landNewMigrations } from "@/db/migrations-check";

const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");
const added = landNewMigrations(MIGRATIONS_FOLDER);
console.log(added.length ? `Recorded: ${added.join(", ")}` : "Every migration was already recorded.");
const problems = checkMigrations(MIGRATIONS_FOLDER);
for (const problem of problems) console.error(`- ${problem}`);
process.exit(problems.length ? 1 : 0);
