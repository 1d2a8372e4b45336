// The secrets every Docket server on one database must share, agreed through that database at
// start-up: the auth secret (sessions, signed links) and Next's server-action encryption key. The
// first server to start records them; any later server, on this machine or another, uses the same or
// stops with a one-line reason. What is stored for a secret set in the environment is only an HMAC
// that tells whether two values agree, never the value.
import { createHmac, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import pg from "pg";
import { StartupError } from "@/lib/embedded-postgres";

const GENERATED_AUTH_SECRET = "auth-secret";
const AUTH_SECRET_CHECK = "auth-secret-check";
const ACTIONS_KEY_CHECK = "server-actions-key-check";

export type SharedSecrets = { authSecret: string; serverActionsKey: string };

function checkValue(name: string, secret: string): string {
  return createHmac("sha256", secret).update(`docket:${name}`).digest("hex");
}

/** Next's key for server actions, derived from the auth secret unless set on its own. */
export function deriveServerActionsKey(authSecret: string): string {
  return createHmac("sha256", authSecret).update("docket:next-server-actions-key").digest("base64");
}

function isValidActionsKey(key: string): boolean {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(key) && [16, 24, 32].includes(Buffer.from(key, "base64").length);
}

async function readSetting(client: pg.Client, name: string): Promise<string | undefined> {
  const { rows } = await client.query<{ value: string }>(`SELECT value FROM "SharedSetting" WHERE name = $1`, [name]);
  return rows[0]?.value;
}

/** Stores `value` unless a server got there first; returns what is stored. */
async function recordOnce(client: pg.Client, name: string, value: string): Promise<string> {
  await client.query(`INSERT INTO "SharedSetting" (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [name, value]);
  return (await readSetting(client, name)) ?? value;
}

export async function agreeOnSharedSecrets(
  databaseUrl: string,
  options: {
    /** NEXTAUTH_SECRET, when set. */
    authSecret?: string;
    /** NEXT_SERVER_ACTIONS_ENCRYPTION_KEY, when set. */
    serverActionsKey?: string;
    /** Where versions before shared secrets kept the generated secret: adopted so sessions survive. */
    legacySecretFile?: string;
  },
): Promise<SharedSecrets> {
  if (options.serverActionsKey && !isValidActionsKey(options.serverActionsKey)) {
    throw new StartupError("NEXT_SERVER_ACTIONS_ENCRYPTION_KEY must be a base64-encoded 16, 24 or 32-byte key (openssl rand -base64 32).");
  }
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "docket-start" });
  await client.connect();
  try {
    let authSecret = options.authSecret;
    if (!authSecret) {
      const generated = await readSetting(client, GENERATED_AUTH_SECRET);
      if (generated) authSecret = generated;
      else if (await readSetting(client, AUTH_SECRET_CHECK)) {
        throw new StartupError("The other Docket servers on this database take NEXTAUTH_SECRET from their environment: set the same NEXTAUTH_SECRET here.");
      } else {
        const legacy = options.legacySecretFile && existsSync(options.legacySecretFile) ? (await readFile(options.legacySecretFile, "utf8")).trim() : "";
        authSecret = await recordOnce(client, GENERATED_AUTH_SECRET, legacy || randomBytes(32).toString("base64url"));
      }
    }
    const expectedAuthCheck = checkValue(AUTH_SECRET_CHECK, authSecret);
    if ((await recordOnce(client, AUTH_SECRET_CHECK, expectedAuthCheck)) !== expectedAuthCheck) {
      throw new StartupError("NEXTAUTH_SECRET differs from the one the other Docket servers on this database use: set the same value on every server.");
    }
    const serverActionsKey = options.serverActionsKey ?? deriveServerActionsKey(authSecret);
    const expectedActionsCheck = checkValue(ACTIONS_KEY_CHECK, serverActionsKey);
    if ((await recordOnce(client, ACTIONS_KEY_CHECK, expectedActionsCheck)) !== expectedActionsCheck) {
      throw new StartupError(
        "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY differs from the one the other Docket servers on this database use: set the same value on every server, or leave it unset on all (it is then derived from NEXTAUTH_SECRET).",
      );
    }
    return { authSecret, serverActionsKey };
  } finally {
    await client.end();
  }
}
