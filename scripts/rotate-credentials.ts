// `npm run credentials:rotate`: after putting a new key FIRST in CREDENTIALS_KEYS
// ("new:base64,old:base64"), re-encrypt every secret sealed with those keys (SellerCloud
// credentials, webhook endpoint and vendor signing secrets) with it (lib/crypto/key-rotation.ts).
// When a second run re-encrypts 0 of each, the old key can be removed from CREDENTIALS_KEYS.
import { DataDirInUseError } from "../db/data-dir-lock.mjs";
import { EmbeddedDatabaseUnreadableError } from "../db/embedded-database-error";
import { getDbHandle } from "../db/index";
import { describeRotation, rotateCredentialSecrets } from "../lib/crypto/key-rotation";
import { env } from "../lib/env";

// The embedded database's folder is held by one process: the app must be stopped first. Both
// errors' messages are plain sentences; anything else keeps its stack.
const handle = await getDbHandle().catch((error: unknown) => {
  if (error instanceof DataDirInUseError || error instanceof EmbeddedDatabaseUnreadableError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
});
const keys = env().credentialKeys;
const report = await rotateCredentialSecrets(handle.db, keys);
const [counts, ...problems] = describeRotation(report);
console.log(`Re-encrypted with key "${keys[0]?.id}": ${counts}.`);
for (const line of problems) console.log(line);
await handle.close();
