// `npm run db:migrate`: apply db/migrations to DATABASE_URL, or to the embedded database in DATA_DIR.
import { getDbHandle } from "../db/index";

const handle = await getDbHandle();
console.log(`Migrations applied (${handle.driver === "pg" ? "PostgreSQL at DATABASE_URL" : "embedded PGlite"}).`);
await handle.close();
