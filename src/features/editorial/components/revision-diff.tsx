import { diffWordsWithSpace } from "diff";

/** Word-level differences between two texts: removals struck through, additions highlighted. */
export function RevisionDiff({ label, before, after }: { label: string; before: string; after: string }) {
  if (before === after) return null;
  const parts = diffWordsWithSpace(before, after);
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
