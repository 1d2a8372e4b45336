import { diffLines, diffWordsWithSpace, type ChangeObject } from "diff";

const WORD_DIFF_TIMEOUT_MS = 200;

/** Word by word when that is quick; line by line for long texts that changed a great deal. */
function differences(before: string, after: string): ChangeObject<string>[] {
  return diffWordsWithSpace(before, after, { timeout: WORD_DIFF_TIMEOUT_MS }) ?? diffLines(before, after);
}

/** Differences between two texts: removals struck through, additions highlighted. */
export function RevisionDiff({ label, before, after }: { label: string; before: string; after: string }) {
  if (before === after) return null;
  const parts = differences(before, after);
  return (
    <section className="revision-diff">
      <h3>{label}</h3>
      <p className="diff-text">
        {parts.map((part, index) =>
          part.added ? <ins key={index}>{part.value}</ins> : part.removed ? <del key={index}>{part.value}</del> : <span key={index}>{part.value}</span>,
        )}
      </p>
    </section>
  );
}
