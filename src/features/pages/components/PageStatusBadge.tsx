import type { PageStatus } from "@/generated/prisma/enums";

const labels: Record<PageStatus, string> = { DRAFT: "Draft", PUBLISHED: "Published", UNPUBLISHED: "Unpublished" };

export function PageStatusBadge({ status }: { status: PageStatus }) {
  return <span className={`status status-${status}`}>{labels[status]}</span>;
}
