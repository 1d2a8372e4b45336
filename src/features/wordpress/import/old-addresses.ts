// The shapes of a WordPress site's old addresses as the redirect table keeps them.
import { redirectRowSchema } from "@/lib/redirect-table";

/** The path where /?p=… and the other query addresses land (src/proxy.ts rewrites them so). */
export const queryAddress = (key: string, value: string | number) => `/wordpress-address/${key}/${encodeURIComponent(String(value))}`;
export const withSlash = (path: string) => (path.endsWith("/") ? path : `${path}/`);
/** Whether the redirect table can keep this path (no query, not the home page, not too long). */
export const storable = (path: string) => redirectRowSchema.shape.fromPath.safeParse(path).success;
