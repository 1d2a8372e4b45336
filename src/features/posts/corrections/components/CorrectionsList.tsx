// The /corrections page: every public correction and clarification, newest first, with its post.
import Link from "next/link";
import { Pagination } from "@/features/posts/components/PostList";
import { formatUkDate, isoDate } from "@/lib/london-time";
import { paths } from "@/lib/seo";
import type { CorrectionPage } from "../data";
import { correctionLabel } from "./CorrectionsNotice";
import styles from "./Corrections.module.css";

export function CorrectionsList({ list }: { list: CorrectionPage }) {
  return (
    <>
      <header className="page-head">
        <h1>Corrections and clarifications</h1>
        <p className="page-head__lede">
          When we get something wrong we say so, at the top of the post and here. To tell us about a mistake, <Link href={paths.complaints()}>make a complaint</Link>.
        </p>
        <p className="feed-links">
          {list.total === 1 ? "1 note" : `${list.total} notes`} · <a href={paths.rss("/corrections")}>RSS</a> · <a href={paths.atom("/corrections")}>Atom</a>
        </p>
      </header>
      {list.corrections.length === 0 ? (
        <p>Nothing has needed correcting yet.</p>
      ) : (
        <ol className={styles.list}>
          {list.corrections.map((entry) => (
            <li key={entry.id}>
              <h2>
                <Link href={`${paths.post(entry.post.slug)}#corrections`}>{entry.post.title}</Link>
              </h2>
              <p className={styles.when}>
                <span className={styles.label}>{correctionLabel(entry.kind)}</span>, <time dateTime={isoDate(entry.publishedAt)}>{formatUkDate(entry.publishedAt)}</time>
              </p>
              <p>{entry.text}</p>
            </li>
          ))}
        </ol>
      )}
      <Pagination page={list.page} totalPages={list.totalPages} hrefFor={(n) => paths.corrections(n)} label="Pages of corrections" />
    </>
  );
}
