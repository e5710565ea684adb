import { defineConfig } from "prisma/config";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { databaseUrl } from "./config.ts";

// Prisma's JavaScript engines, so nothing is downloaded (see README: "The database").
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "node prisma/seed.ts" },
  adapter: async () => new PrismaLibSQL({ url: databaseUrl() }),
});
