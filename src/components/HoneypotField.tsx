// A field people never see and simple bots fill in: a filled one marks the submission as a bot's.
import styles from "./HoneypotField.module.css";

export function HoneypotField({ name }: { name: string }) {
  return (
    <div className={styles.honeypot} aria-hidden="true">
      <label>
        Leave this field empty
        <input type="text" name={name} tabIndex={-1} autoComplete="off" defaultValue="" />
      </label>
    </div>
  );
}
