// Where a published document's working copy stands: readers see the published version until someone
// presses Update, and the differences can be read here.
import { RevisionDiff } from "@/components/RevisionDiff";

type Props = {
  pending: boolean;
  /** The published text and the working copy's, field by field. */
  differences: { label: string; before: string; after: string }[];
  /** Other fields that differ (tags, category…). */
  otherDifferences: string[];
};

export function WorkingCopyNotice({ pending, differences, otherDifferences }: Props) {
  if (!pending) {
    return (
      <p className="working-copy" data-state="live">
        <strong>Published</strong> · readers see this version.
      </p>
    );
  }
  return (
    <div className="working-copy" data-state="pending">
      <p>
        <strong>Published · unpublished changes.</strong> Readers see the published version until the changes are updated.
      </p>
      <details>
        <summary>Compare with the published version</summary>
        {differences.map((field) => (
          <RevisionDiff key={field.label} label={field.label} before={field.before} after={field.after} />
        ))}
        {otherDifferences.length > 0 && <p className="form-hint">Also changed: {otherDifferences.join(", ")}.</p>}
      </details>
    </div>
  );
}
