// Posts the legal gate is holding back, with why and where the scan matched: the desk's queue, also
// shown on the review queue.
import Link from "next/link";
import type { GateAssessment } from "../data";

type QueuedPost = { id: string; title: string; reasons: string[]; assessment: GateAssessment };

export function ScanMatches({ assessment }: { assessment: GateAssessment }) {
  if (assessment.matches.length === 0) return null;
  return (
    <ul className="scan-matches">
      {assessment.matches.map((match, index) => (
        <li key={index}>
          <strong>{match.term}</strong> in the {match.field}: “{match.excerpt}”
        </li>
      ))}
    </ul>
  );
}

export function LegalQueue({ posts }: { posts: QueuedPost[] }) {
  if (posts.length === 0) return <p className="form-hint">Nothing is waiting for legal clearance.</p>;
  return (
    <ul className="legal-queue">
      {posts.map((post) => (
        <li key={post.id}>
          <Link href={`/admin/posts/${post.id}#legal`}>{post.title}</Link> (version {post.assessment.revisionNumber}): needs legal clearance because {post.reasons.join("; ")}.
          {post.assessment.activeCases.length > 0 && <span> Case: {post.assessment.activeCases.map((item) => item.name).join(", ")}.</span>}
          <ScanMatches assessment={post.assessment} />
        </li>
      ))}
    </ul>
  );
}
