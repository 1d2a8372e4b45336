"use client";
// Creating and editing a series. A failed save keeps everything typed and says what to fix.
import { useActionState } from "react";
import { describedField, FieldError, FormMessage, invalidField } from "@/components/FormFeedback";
import { ImageUploadField } from "@/components/ImageUploadField";
import { initialFormState } from "@/lib/action-result";
import { archiveSeriesAction, createSeriesAction, deleteSeriesAction, saveSeriesAction } from "../actions";

export type SeriesFormValues = {
  title: string;
  slug: string;
  description: string;
  coverImageUrl: string;
  coverImageAlt: string;
  status: "running" | "finished";
  showsTeaser: boolean;
};

export const emptySeries: SeriesFormValues = { title: "", slug: "", description: "", coverImageUrl: "", coverImageAlt: "", status: "running", showsTeaser: true };

export function SeriesForm({ seriesId, initial }: { seriesId?: string; initial: SeriesFormValues }) {
  const [state, action, pending] = useActionState(seriesId ? saveSeriesAction : createSeriesAction, initialFormState);
  const typed = state.values;
  const value = (name: Exclude<keyof SeriesFormValues, "showsTeaser">) => typed[name] ?? initial[name];
  // A submitted form sends the checkbox only when ticked.
  const showsTeaser = state.status === "idle" ? initial.showsTeaser : typed.showsTeaser === "on";
  return (
    <form action={action} className="admin-form" key={`${state.status}-${state.message}`} noValidate>
      {seriesId && <input type="hidden" name="seriesId" value={seriesId} />}
      <label htmlFor="title">Title</label>
      <input id="title" name="title" type="text" defaultValue={value("title")} {...invalidField(state, "title")} />
      <FieldError state={state} name="title" />
      <label htmlFor="slug">Slug</label>
      <p className="form-hint" id="slug-hint">
        The series’ address: /series/<em>slug</em>. Leave it empty to make one from the title.{seriesId && " If you change it, the old address redirects to the new one."}
      </p>
      <input id="slug" name="slug" type="text" defaultValue={value("slug")} {...describedField(state, "slug", "slug-hint")} />
      <FieldError state={state} name="slug" />
      <label htmlFor="description">Description (markdown)</label>
      <textarea id="description" name="description" rows={5} defaultValue={value("description")} {...invalidField(state, "description")} />
      <FieldError state={state} name="description" />
      <ImageUploadField urlName="coverImageUrl" altName="coverImageAlt" label="Cover image" initialUrl={value("coverImageUrl")} initialAlt={value("coverImageAlt")} state={state} />
      <fieldset>
        <legend>Status</legend>
        <label className="checkbox">
          <input type="radio" name="status" value="running" defaultChecked={value("status") === "running"} /> Running: new posts are still coming
        </label>
        <label className="checkbox">
          <input type="radio" name="status" value="finished" defaultChecked={value("status") === "finished"} /> Finished: no more posts (no “Next week” teaser)
        </label>
        <FieldError state={state} name="status" />
        <label className="checkbox">
          <input type="checkbox" name="showsTeaser" defaultChecked={showsTeaser} /> Show the “Next week” teaser for the next scheduled post while the series runs
        </label>
      </fieldset>
      <FormMessage state={state} />
      <button type="submit" disabled={pending}>
        {pending ? "Saving…" : seriesId ? "Save series" : "Create series"}
      </button>
    </form>
  );
}

/** Archive (or bring back) a series; delete it when it has no posts. */
export function SeriesRemoval({ seriesId, title, archived, postCount }: { seriesId: string; title: string; archived: boolean; postCount: number }) {
  const [archiveState, archive, archiving] = useActionState(archiveSeriesAction, initialFormState);
  const [deleteState, remove, deleting] = useActionState(deleteSeriesAction, initialFormState);
  return (
    <div className="danger-zone">
      <form action={archive} className="admin-form">
        <input type="hidden" name="seriesId" value={seriesId} />
        <input type="hidden" name="archived" value={archived ? "false" : "true"} />
        <p className="form-hint">
          {archived
            ? "This series is archived: readers do not see it in the series list, and its page and posts stay readable."
            : "Archiving takes the series out of the readers’ series list. Its page and posts stay readable."}
        </p>
        <FormMessage state={archiveState} />
        <button type="submit" className="secondary" disabled={archiving}>
          {archived ? "Bring back into the series list" : "Archive series"}
        </button>
      </form>
      <form action={remove} className="admin-form">
        <input type="hidden" name="seriesId" value={seriesId} />
        <p className="form-hint">
          {postCount === 0
            ? "The series has no posts, so it can be deleted for good."
            : `A series with posts cannot be deleted (this one has ${postCount === 1 ? "1 post" : `${postCount} posts`}): archive it instead.`}
        </p>
        <FormMessage state={deleteState} />
        <button type="submit" className="danger" disabled={deleting || postCount > 0}>
          Delete “{title}”
        </button>
      </form>
    </div>
  );
}
