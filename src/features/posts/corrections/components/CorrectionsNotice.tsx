// A post's corrections and clarifications, shown above its body (the Code's "due prominence").
import { formatUkDate, isoDate } from "@/lib/london-time";
import type { PublicCorrection } from "../data";
import styles from "./Corrections.module.css";

export const correctionLabel = (kind: PublicCorrection["kind"]) => (kind === "CORRECTION" ? "Correction" : "Clarification");

export function CorrectionsNotice({ corrections }: { corrections: PublicCorrection[] }) {
  if (corrections.length === 0) return null;
  const heading = corrections.every((entry) => entry.kind === "CLARIFICATION") ? "Clarified" : "Corrected";
  return (
    <aside className={styles.notice} aria-labelledby="corrections-heading" id="corrections">
      <h2 id="corrections-heading">{heading} since publication</h2>
      <ol>
        {corrections.map((entry) => (
          <li key={entry.id}>
            <span className={styles.label}>{correctionLabel(entry.kind)}</span>, <time dateTime={isoDate(entry.publishedAt)}>{formatUkDate(entry.publishedAt)}</time>
            <p>{entry.text}</p>
          </li>
        ))}
      </ol>
    </aside>
  );
}
