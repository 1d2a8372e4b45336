import { SubscribeForm } from "./SubscribeForm";
import styles from "./SubscribeBox.module.css";

/** The "get every post by email" box shown on every reader page. Works without JavaScript. */
export function SubscribeBox({ heading = "Get every post by email, free", id = "subscribe-box" }: { heading?: string; id?: string }) {
  return (
    <section className={styles.box} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className={styles.heading}>
        {heading}
      </h2>
      <p className={styles.lede}>One email each morning with the new posts. Unsubscribe in one click.</p>
      <SubscribeForm />
    </section>
  );
}
