"use client";
// The reader forms' spam defence: a signed render-time token (comments/signing.ts), fetched once the
// form is on screen because the page itself is static. The comment and complaint forms use it.
import { useEffect, useState } from "react";

/** The signed render-time token, fetched once the form is on screen (the page itself is static). */
export function useFormToken(): string {
  const [token, setToken] = useState("");
  useEffect(() => {
    let cancelled = false;
    fetch("/api/comments/form-token", { cache: "no-store" })
      .then((response) => (response.ok ? response.json() : { token: "" }))
      .then((body: { token?: string }) => {
        if (!cancelled) setToken(body.token ?? "");
      })
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, []);
  return token;
}

