// The security headers next.config.ts sets on every response. `next build` writes them into the
// build, so they follow the SITE_URL the build was made for (npm start rebuilds when it changes).
// Imported by next.config.ts: no "@/" imports here.

type HeaderRule = { source: string; headers: { key: string; value: string }[] };

/**
 * The Content-Security-Policy. Scripts: 'self' plus 'unsafe-inline', because Next writes each page's
 * data into inline <script> tags whose content differs per page, so no fixed list of hashes can name
 * them, and nonces would make every cached page render per request (Next's CSP guide). What keeps
 * injected script out is that no author- or reader-written HTML reaches a page unsanitized; the
 * policy still forbids scripts from anywhere else, plugins, <base> and foreign form targets.
 * Styles: 'unsafe-inline' for React's style attributes. Images: https too, for pictures posts link.
 */
export function contentSecurityPolicy(options: { https: boolean; frameAncestors: "'none'" | "'self'" }): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: https:${options.https ? "" : " http:"}`,
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${options.frameAncestors}`,
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function securityHeaders(siteUrl: string | undefined): HeaderRule[] {
  const https = (siteUrl ?? "").startsWith("https:");
  const everywhere = [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()" },
    ...(https ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
  ];
  const csp = (frameAncestors: "'none'" | "'self'") => ({ key: "Content-Security-Policy", value: contentSecurityPolicy({ https, frameAncestors }) });
  return [
    { source: "/:path*", headers: everywhere },
    // Uploaded files carry their own, stricter policy (src/app/uploads): nothing in them may run.
    { source: "/:path((?!uploads/).*)", headers: [csp("'self'")] },
    // The admin is never framed, not even by the site itself; a later rule wins for the same header.
    { source: "/admin", headers: [csp("'none'")] },
    { source: "/admin/:path*", headers: [csp("'none'")] },
  ];
}
