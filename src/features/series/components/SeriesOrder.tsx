"use client";
import { useState, useTransition } from "react";
import { reorderSeriesAction } from "@/features/series/actions";
import type { ActionResult } from "@/lib/action-result";
import { statusLabels } from "@/features/posts/admin/components/status-labels";
import type { PostStatus } from "@/generated/prisma/enums";

type Item = { id: string; title: string; status: PostStatus };

export function SeriesOrder({ seriesId, posts }: { seriesId: string; posts: Item[] }) {
  const [order, setOrder] = useState(posts);
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<ActionResult | null>(null);
  const move = (index: number, offset: number) => {
    const next = [...order];
    const [item] = next.splice(index, 1);
    next.splice(index + offset, 0, item);
    setOrder(next);
    setResult(null);
  };
  return (
    <div>
      <ol className="series-order">
        {order.map((post, index) => (
          <li key={post.id}>
            <span>
              {post.title} <span className="form-hint">({statusLabels[post.status]})</span>
            </span>
            <span>
              <button type="button" className="link-button" disabled={index === 0} onClick={() => move(index, -1)} aria-label={`Move “${post.title}” earlier`}>
                ↑
              </button>{" "}
              <button type="button" className="link-button" disabled={index === order.length - 1} onClick={() => move(index, 1)} aria-label={`Move “${post.title}” later`}>
                ↓
              </button>
            </span>
          </li>
        ))}
      </ol>
      <div className="actions-row">
        <button
          type="button"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              try {
                setResult(await reorderSeriesAction(seriesId, order.map((post) => post.id)));
              } catch {
                setResult({ ok: false, error: "The server could not be reached. The order was not saved.", fieldErrors: {} });
              }
            })
          }
        >
          Save order
        </button>
        {result && <span className={result.ok ? "form-hint" : "form-error"} role="status">{result.ok ? result.message : result.error}</span>}
      </div>
    </div>
  );
}
