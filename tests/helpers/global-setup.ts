import type { TestProject } from "vitest/node";
import { startTestPostgres } from "./postgres-server";

declare module "vitest" {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startTestPostgres();
  project.provide("postgresAdminUrl", server.url("postgres"));
  return () => server.stop();
}
