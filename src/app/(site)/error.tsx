"use client";

import { ErrorView } from "./_components/ErrorView";

export default function SiteError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorView digest={error.digest} retry={reset} />;
}
