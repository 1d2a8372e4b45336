"use client";
import { useActionState } from "react";
import { FieldError, FormMessage, invalidField } from "@/components/FormFeedback";
import { ImageUploadField } from "@/components/ImageUploadField";
import type { FormState } from "@/lib/action-result";
import { saveSiteSettingsAction } from "../actions";
import { DESCRIPTION_MAX, FOOTER_TEXT_MAX, NAME_MAX, TAGLINE_MAX } from "../limits";
import type { SiteSettings } from "../schema";
import { siteSettingsFormValues } from "../settings-form-values";

type Props = { initial: Record<string, string>; timeZones: string[] };

export function SiteSettingsForm({ initial, timeZones }: Props) {
  const [state, action, pending] = useActionState(saveSiteSettingsAction, { status: "idle", message: "", fieldErrors: {}, values: initial } satisfies FormState);
  // After a save, the stored values (addresses as Docket keeps them); after a refusal, what was typed.
  const values = state.status === "ok" && state.data ? siteSettingsFormValues(state.data as SiteSettings) : state.values;
  const text = (name: string, label: string, hint: string | null, maxLength: number, type = "text") => (
    <>
      <label htmlFor={name}>{label}</label>
      {hint && <p className="form-hint">{hint}</p>}
      <input id={name} name={name} type={type} maxLength={maxLength} defaultValue={values[name]} {...invalidField(state, name)} />
      <FieldError state={state} name={name} />
    </>
  );

  return (
    <form action={action} className="admin-form" key={`${state.status}-${state.message}`} noValidate>
      <FormMessage state={state} />

      <h2>The site</h2>
      {text("name", "Name", "Shown at the top of every page, in the browser's tab, in feeds and in every email.", NAME_MAX)}
      {text("tagline", "Tagline", "A line under the name.", TAGLINE_MAX)}
      <label htmlFor="description">Description</label>
      <p className="form-hint">What the site is, in a sentence or two: search engines and social cards show it for the home page.</p>
      <textarea id="description" name="description" rows={3} maxLength={DESCRIPTION_MAX} defaultValue={values.description} {...invalidField(state, "description")} />
      <FieldError state={state} name="description" />

      <ImageUploadField
        urlName="logoUrl"
        label="Logo"
        hint="Shown beside the name at the top of every page. A wide image works best; the name is always written out too."
        initialUrl={values.logoUrl ?? ""}
        state={state}
      />
      <ImageUploadField
        urlName="faviconUrl"
        label="Icon"
        hint="The small picture in browser tabs and bookmarks: a square image, at least 180 × 180 pixels. Without one, Docket's own icon is used."
        initialUrl={values.faviconUrl ?? ""}
        state={state}
      />

      <h2>Social accounts</h2>
      <p className="form-hint">Linked from the foot of every page and given to search engines. Leave empty for none.</p>
      {text("socialX", "X", "Like @docketblog.", 300)}
      {text("socialBluesky", "Bluesky", "The handle, like docket.bsky.social.", 300)}
      {text("socialMastodon", "Mastodon", "Like @docket@mastodon.social.", 300)}
      {text("socialLinkedin", "LinkedIn", "The page's address, like https://www.linkedin.com/company/docket.", 300)}

      <h2>Footer</h2>
      <label htmlFor="footerText">Footer text</label>
      <p className="form-hint">A line or two at the foot of every page, such as a copyright or a note that posts are the authors&rsquo; own views.</p>
      <textarea id="footerText" name="footerText" rows={3} maxLength={FOOTER_TEXT_MAX} defaultValue={values.footerText} {...invalidField(state, "footerText")} />
      <FieldError state={state} name="footerText" />

      <h2>New posts</h2>
      <label className="checkbox">
        <input type="checkbox" name="newPostsAllowComments" defaultChecked={values.newPostsAllowComments === "on"} />
        New posts allow comments
      </label>
      <p className="form-hint">Each post can still be switched on its own; this is how a new draft starts.</p>

      <h2>Digest</h2>
      <p className="form-hint">The time the daily email to subscribers goes out. A change applies from the next run.</p>
      <div className="field-grid">
        <div>{text("digestTime", "Time", null, 5, "time")}</div>
        <div>
          <label htmlFor="digestTimeZone">Time zone</label>
          <select id="digestTimeZone" name="digestTimeZone" defaultValue={values.digestTimeZone} {...invalidField(state, "digestTimeZone")}>
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll("_", " ")}
              </option>
            ))}
          </select>
          <FieldError state={state} name="digestTimeZone" />
        </div>
      </div>

      <div className="actions-row">
        <button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save settings"}
        </button>
      </div>
    </form>
  );
}
