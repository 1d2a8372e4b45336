"use client";

import { ErrorView } from "./(site)/_components/ErrorView";
import "./(site)/site.css";

export default function RootError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main">
      <ErrorView digest={error.digest} retry={reset} />
    </main>
  );
}
