import { defineConfig } from "drizzle-kit";

// drizzle-kit only diffs schema files into SQL; it never needs a live database here.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/*.ts",
  out: "./db/migrations",
});
