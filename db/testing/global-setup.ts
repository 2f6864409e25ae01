/** Says plainly which databases the database tests use in this run. */
export default function setup() {
  const url = process.env.TEST_DATABASE_URL;
  const target = url ? `in-memory PGlite AND real Postgres (${new URL(url).host}, a fresh database per suite)` : "in-memory PGlite only (set TEST_DATABASE_URL to add real Postgres)";
  console.log(`\n[db tests] databases: ${target}\n`);
}
