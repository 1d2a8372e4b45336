// Every setting Docket reads, parsed once with zod. `.env.example` documents each of them.
import { isIP } from "node:net";
import { z } from "zod";
import { parseTrustProxy } from "./trust-proxy.ts";

const optionalUrl = z.preprocess((value) => (value === "" ? undefined : value), z.url().optional());
const optionalPort = z.preprocess(
  (value) => (value === "" ? undefined : value),
  z.coerce.number().int().min(1).max(65535).optional(),
);

export const envSchema = z.object({
  DATABASE_URL: optionalUrl.refine(
    (url) => url === undefined || /^postgres(ql)?:\/\//.test(url),
    "must be a postgres:// or postgresql:// URL",
  ),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  WEB_CONCURRENCY: z.preprocess((value) => (value === "" ? undefined : value), z.coerce.number().int().min(1).max(64).default(1)),
  DOCKET_DB_PORT: optionalPort,
  DOCKET_DATA_DIR: z.string().min(1).default(".data"),
  SITE_URL: optionalUrl,
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: z.preprocess((value) => (value === "" ? undefined : value), z.string().optional()),
  S3_URL: optionalUrl.refine(
    (url) => url === undefined || (/^https?:\/\//.test(url) && new URL(url).pathname.length > 1),
    "must be an http:// or https:// URL with the bucket as its path, such as https://KEY:SECRET@s3.example.org/bucket",
  ),
  SMTP_URL: optionalUrl.refine(
    (url) => url === undefined || /^smtps?:\/\//.test(url),
    "must be an smtp:// or smtps:// URL",
  ),
  SMTP_RATE_PER_SECOND: z.coerce.number().int().min(1).max(10000).default(50),
  // The first wait before a queued email is tried again (it doubles up to 30 minutes): src/lib/mail/queue.ts.
  MAIL_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  MAIL_FROM: z.string().min(3).default("Docket <no-reply@docket.localhost>"),
  UNSUBSCRIBE_MAILTO: z.preprocess((value) => (value === "" ? undefined : value), z.email().optional()),
  INBOUND_MAIL_SECRET: z.preprocess((value) => (value === "" ? undefined : value), z.string().min(32, "must be at least 32 characters").optional()),
  // First-run defaults only: once Docket has started, the name, tagline and digest time are the
  // site settings' (/admin/settings), stored in the database.
  SITE_NAME: z.string().min(1).default("Docket"),
  SITE_TAGLINE: z.string().default("Research, policy, practice and opinion from across criminal justice"),
  DIGEST_CRON: z
    .string()
    .regex(/^[1-5]?\d ([01]?\d|2[0-3]) \* \* \*$/, "must be a daily time as cron's 'minute hour * * *', like 0 6 * * *")
    .default("0 6 * * *"),
  DIGEST_TIMEZONE: z.string().default("Europe/London"),
  DOCKET_DEMO_CONTENT: z.enum(["true", "false"]).default("true"),
  DOCKET_WEB_HEAP_MB: z.coerce.number().int().min(128).max(65536).default(512),
  // Addresses Docket may fetch from although they are private or local (IPs or CIDRs, comma-separated):
  // for tests against local servers; empty in production, so an import or a paste reaches only the internet.
  DOCKET_FETCH_ALLOW_ADDRESSES: z
    .string()
    .default("")
    .transform((value) => value.split(",").map((entry) => entry.trim()).filter(Boolean))
    .pipe(z.array(z.string().refine(isIpOrCidr, "must be IP addresses or CIDR ranges, separated by commas"))),
  TRUST_PROXY: z
    .string()
    .optional()
    .superRefine((value, context) => {
      try {
        parseTrustProxy(value);
      } catch (error) {
        context.addIssue({ code: "custom", message: (error as Error).message });
      }
    }),
});

export type Env = z.infer<typeof envSchema>;

function isIpOrCidr(entry: string): boolean {
  const [address, bits, extra] = entry.split("/");
  if (extra !== undefined || isIP(address) === 0) return false;
  if (bits === undefined) return true;
  const max = isIP(address) === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
}

/** A readable line for each bad setting, naming the variable. */
export function describeEnvErrors(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`);
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new Error(`Bad settings:\n  ${describeEnvErrors(result.error).join("\n  ")}`);
  }
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

export function siteUrl(): string {
  const settings = env();
  return (settings.SITE_URL ?? `http://localhost:${settings.PORT}`).replace(/\/$/, "");
}
