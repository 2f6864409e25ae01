/**
 * Runs once when the server starts: apply migrations before the first request, so a broken
 * database is reported at start rather than on a user's click.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDbHandle } = await import("./db/index");
  await getDbHandle();
}
