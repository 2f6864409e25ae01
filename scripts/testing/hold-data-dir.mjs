// Holds a data folder's lock until killed, printing "locked <pid>"; for the lock tests.
// Run: node scripts/testing/hold-data-dir.mjs <folder>
import { lockDataDir } from "../../db/data-dir-lock.mjs";

const lock = lockDataDir(process.argv[2], { role: "test holder" });
console.log(`locked ${process.pid} ${lock.token}`);
setInterval(() => {}, 1_000);
