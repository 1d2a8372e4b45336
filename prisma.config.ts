import { defineConfig } from "prisma/config";

// Migrations run through src/lib/schema-engine.ts (offline); `prisma migrate deploy` works too, with DATABASE_URL.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
