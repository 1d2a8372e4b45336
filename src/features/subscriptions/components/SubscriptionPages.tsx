import Link from "next/link";
import { verifySignedToken } from "@/lib/signed-links";
import { confirmSubscriptionAction, unsubscribeAction } from "../actions";
import { getSubscriberPreferences, listSubscriptionTopics, maskEmail } from "../data";
import { PreferencesForm } from "./PreferencesForm";
import { SubscribeBox } from "./SubscribeBox";
import styles from "@/components/email-link-page.module.css";

type LinkParams = { token?: string; state?: string; done?: string; welcome?: string };

function BadLink({ expired, what }: { expired: boolean; what: string }) {
  return (
    <>
      <h1>{expired ? "This link has expired" : "This link does not work"}</h1>
      <p className={styles.lede}>
        {expired
          ? `${what} links work for 7 days. Subscribe again below and we will send you a fresh one.`
          : "It may have been cut short when it was copied. Open it again from the email, or subscribe again below."}
      </p>
      <SubscribeBox heading="Subscribe by email" id="subscribe-again" />
    </>
  );
}

/** The landing page of the confirmation email: one button, so a mail scanner's visit confirms nothing. */
export async function ConfirmPanel({ params }: { params: LinkParams }) {
  const check = verifySignedToken(params.token, "confirm");
  if (!check.ok) return <BadLink expired={check.reason === "expired"} what="Confirmation" />;
  if (params.state === "not-pending" || params.state === "missing") {
    return (
      <>
        <h1>This subscription can no longer be confirmed</h1>
        <p className={styles.lede}>It was cancelled after this link was sent. To receive posts again, subscribe below.</p>
        <SubscribeBox heading="Subscribe by email" id="subscribe-again" />
      </>
    );
  }
  return (
    <>
      <h1>Confirm your subscription</h1>
      <p className={styles.lede}>One click and you will get new posts by email, at most once a day.</p>
      <form action={confirmSubscriptionAction}>
        <input type="hidden" name="token" value={params.token} />
        <button type="submit" className={styles.primary}>
          Confirm my subscription
        </button>
      </form>
    </>
  );
}

export async function PreferencesPanel({ params }: { params: LinkParams }) {
  const check = verifySignedToken(params.token, "preferences");
  if (!check.ok) return <BadLink expired={check.reason === "expired"} what="Preferences" />;
  const subscriber = await getSubscriberPreferences(check.subject);
  if (!subscriber || subscriber.status === "UNSUBSCRIBED" || subscriber.status === "BOUNCED" || subscriber.status === "PENDING") {
    return (
      <>
        <h1>You are not subscribed</h1>
        <p className={styles.lede}>This address does not receive our emails at the moment. Subscribe again to choose what you get.</p>
        <SubscribeBox heading="Subscribe by email" id="subscribe-again" />
      </>
    );
  }
  const topics = await listSubscriptionTopics();
  const choice = subscriber.status === "PAUSED" ? "pause" : subscriber.allPosts ? "all" : "some";
  return (
    <>
      {params.welcome ? <p className={styles.notice} role="status">You are subscribed. Welcome! Your first email arrives with the next new post.</p> : null}
      <h1>Your email subscription</h1>
      <p className={styles.lede}>
        Choices for <strong>{maskEmail(subscriber.email)}</strong>.
      </p>
      <PreferencesForm
        token={params.token as string}
        initial={{ choice, seriesIds: subscriber.seriesIds, categoryIds: subscriber.categoryIds }}
        series={topics.series.map((series) => ({ id: series.id, label: series.isRunning ? series.title : `${series.title} (finished)` }))}
        categories={topics.categories.map((category) => ({ id: category.id, label: category.name }))}
      />
    </>
  );
}

export async function UnsubscribePanel({ params }: { params: LinkParams }) {
  const check = verifySignedToken(params.token, "unsubscribe");
  if (!check.ok) return <BadLink expired={check.reason === "expired"} what="Unsubscribe" />;
  if (params.done) {
    return (
      <>
        <h1>You are unsubscribed</h1>
        <p className={styles.lede} role="status">
          We will not email you again. Changed your mind? <Link href="/subscribe">Subscribe again</Link> at any time.
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Unsubscribe?</h1>
      <p className={styles.lede}>You will stop receiving new posts by email. You can subscribe again at any time.</p>
      <form action={unsubscribeAction} className={styles.actions}>
        <input type="hidden" name="token" value={params.token} />
        <button type="submit" className={styles.primary}>
          Unsubscribe
        </button>
      </form>
    </>
  );
}
