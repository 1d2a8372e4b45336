import Link from "next/link";
import styles from "@/components/email-link-page.module.css";
import { stopReplyEmailsAction } from "../actions";
import { commentIdFromReplyToken } from "../commands";

/** The page a reply email's "Stop these emails" link opens: one button, so a mail scanner's visit changes nothing. */
export async function StopReplyEmailsPanel({ params }: { params: { token?: string; done?: string } }) {
  if (!commentIdFromReplyToken(params.token)) {
    return (
      <>
        <h1>This link does not work</h1>
        <p className={styles.lede}>It may have been cut short when it was copied. Open it again from the email.</p>
      </>
    );
  }
  if (params.done) {
    return (
      <>
        <h1>Reply emails stopped</h1>
        <p className={styles.lede} role="status">
          You will no longer be emailed when someone replies to your comments. <Link href="/">Back to the site</Link>.
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Stop reply emails?</h1>
      <p className={styles.lede}>You will no longer be emailed when someone replies to your comments.</p>
      <form action={stopReplyEmailsAction} className={styles.actions}>
        <input type="hidden" name="token" value={params.token} />
        <button type="submit" className={styles.primary}>
          Stop reply emails
        </button>
      </form>
    </>
  );
}
