// next-auth's database-session cookie: the secure name over HTTPS, the plain one over HTTP.
export const SESSION_COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];
