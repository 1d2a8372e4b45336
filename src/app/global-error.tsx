"use client";

import { ErrorView } from "./(site)/_components/ErrorView";
import "./globals.css";
import "./(site)/site.css";

// Replaces the root layout when it fails, so it brings its own <html> and <body>.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en-GB">
      <body>
        <main id="main">
          <ErrorView digest={error.digest} retry={reset} />
        </main>
      </body>
    </html>
  );
}
