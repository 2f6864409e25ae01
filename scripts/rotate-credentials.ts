// `npx tsx scripts/rotate-credentials.ts`: after putting a new key FIRST in CREDENTIALS_KEYS
// ("new:base64,old:base64"), re-encrypt every saved SellerCloud password and token with it.
// When it reports 0 left on old keys, the old key can be removed from CREDENTIALS_KEYS.
import { getDbHandle } from "../db/index";
import { reencryptConnections } from "../lib/channels/connections";
import { env } from "../lib/env";

const handle = await getDbHandle();
const keys = env().credentialKeys;
const { reencrypted, unreadable } = await reencryptConnections(handle.db, keys);
console.log(`Re-encrypted ${reencrypted} connection(s) with key "${keys[0]?.id}".`);
if (unreadable.length) {
  console.log(
    `${unreadable.length} connection(s) could not be decrypted with any configured key and were left as they are; ` +
      `their users must re-enter the credentials in the channel's Connect settings: ${unreadable.join(", ")}`,
  );
}
await handle.close();
