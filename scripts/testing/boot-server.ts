/**
 * Boots the server's start-up path (instrumentation.ts register(): shutdown handler, database open
 * and migrations) in its own process, as `next start` does, then prints "booted" and exits; for the
 * start-up tests. Run: NEXT_RUNTIME=nodejs node --import tsx scripts/testing/boot-server.ts
 */
import { getDbHandle } from "@/db/index";
import { register } from "../../instrumentation";

await register();
console.log("booted");
await (await getDbHandle()).close();
process.exit(0);
