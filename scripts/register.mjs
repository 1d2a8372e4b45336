// Every command-line entry point runs with `node --import ./scripts/register.mjs`: TypeScript through
// tsx, and `import "server-only"` resolved to nothing. That import guards server modules from client
// bundles inside Next; outside Next (scripts, the worker, tests) there is no client to guard against.
import { register } from "node:module";
import "tsx";

register(
  "data:text/javascript," +
    encodeURIComponent(
      'export async function resolve(specifier, context, next) { return specifier === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : next(specifier, context); }',
    ),
);
