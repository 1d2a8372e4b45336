"use client";
// One menu in the admin: its links in order, each with up/down buttons (keyboard first: the button
// keeps focus after a move), an edit form and a remove button; then a form to add a link.
import { useActionState, useEffect, useRef } from "react";
import { FormMessage } from "@/components/FormFeedback";
import { initialFormState, type FormState } from "@/lib/action-result";
import { addMenuItemAction, moveMenuItemAction, removeMenuItemAction, updateMenuItemAction } from "../actions";
import { LABEL_MAX, URL_MAX } from "../limits";
import type { MenuLocation } from "../schema";
import type { MenuTargetChoices } from "../data";

export type MenuEditorItem = { id: string; label: string; leadsTo: string; hiddenBecause: string | null; target: string; url: string };

/** Label, "Links to" and the address field; `prefix` keeps ids unique on a page with many forms. */
function LinkFields({ prefix, state, choices, labelHint }: { prefix: string; state: FormState; choices: MenuTargetChoices; labelHint: string }) {
  const id = (name: string) => `${prefix}-${name}`;
  // The field's hint, and its error when it has one: both are read out.
  const invalid = (name: string, hint?: string) => {
    const error = state.fieldErrors[name] ? id(`${name}-error`) : null;
    const describedBy = [hint && id(hint), error].filter(Boolean).join(" ");
    return { ...(describedBy ? { "aria-describedby": describedBy } : {}), ...(error ? { "aria-invalid": true as const } : {}) };
  };
  const error = (name: string) => (state.fieldErrors[name] ? <p className="form-error" id={id(`${name}-error`)}>{state.fieldErrors[name]}</p> : null);
  return (
    <div className="menu-link-fields">
      <div>
        <label htmlFor={id("label")}>Label</label>
        <input id={id("label")} name="label" type="text" maxLength={LABEL_MAX} defaultValue={state.values.label} {...invalid("label", "label-hint")} />
        <p className="form-hint" id={id("label-hint")}>
          {labelHint}
        </p>
        {error("label")}
      </div>
      <div>
        <label htmlFor={id("target")}>Links to</label>
        <select id={id("target")} name="target" defaultValue={state.values.target ?? ""} {...invalid("target")}>
          <option value="">Choose…</option>
          <option value="url">An address (a path on this site or a web address)</option>
          {choices.pages.length > 0 && (
            <optgroup label="Pages">
              {choices.pages.map((page) => (
                <option key={page.id} value={`page:${page.id}`}>
                  {page.title}
                  {page.published ? "" : " (not published)"}
                </option>
              ))}
            </optgroup>
          )}
          {choices.series.length > 0 && (
            <optgroup label="Series">
              {choices.series.map((entry) => (
                <option key={entry.id} value={`series:${entry.id}`}>
                  {entry.title}
                </option>
              ))}
            </optgroup>
          )}
          {choices.categories.length > 0 && (
            <optgroup label="Categories">
              {choices.categories.map((entry) => (
                <option key={entry.id} value={`category:${entry.id}`}>
                  {entry.name}
                </option>
              ))}
            </optgroup>
          )}
        </select>
        {error("target")}
      </div>
      <div>
        <label htmlFor={id("url")}>Address</label>
        <input id={id("url")} name="url" type="text" inputMode="url" maxLength={URL_MAX} defaultValue={state.values.url} {...invalid("url", "url-hint")} />
        <p className="form-hint" id={id("url-hint")}>
          Only for &ldquo;An address&rdquo;: a path such as /series or /feed.xml, or a web address starting with https://.
        </p>
        {error("url")}
      </div>
    </div>
  );
}

function MoveButton({ menu, item, direction, disabled, label }: { menu: MenuLocation; item: MenuEditorItem; direction: "up" | "down"; disabled: boolean; label: string }) {
  const [state, action, pending] = useActionState(moveMenuItemAction, initialFormState);
  const button = useRef<HTMLButtonElement>(null);
  // The list re-renders in its new order; keyboard users keep their place on the button they pressed,
  // or on its partner when this one has reached the end.
  useEffect(() => {
    if (state.status !== "ok") return;
    const target = button.current?.disabled ? button.current.parentElement?.parentElement?.querySelector<HTMLButtonElement>("button:not(:disabled)") : button.current;
    target?.focus();
  }, [state]);
  return (
    <form action={action}>
      <input type="hidden" name="menu" value={menu} />
      <input type="hidden" name="itemId" value={item.id} />
      <input type="hidden" name="direction" value={direction} />
      <button ref={button} type="submit" className="secondary" disabled={disabled || pending} aria-label={`Move “${item.label}” ${direction}`}>
        {label}
      </button>
      {state.status === "error" && (
        <span className="form-error" role="alert">
          {state.message}
        </span>
      )}
    </form>
  );
}

function RemoveButton({ menu, item }: { menu: MenuLocation; item: MenuEditorItem }) {
  const [state, action, pending] = useActionState(removeMenuItemAction, initialFormState);
  return (
    <form action={action}>
      <input type="hidden" name="menu" value={menu} />
      <input type="hidden" name="itemId" value={item.id} />
      <button type="submit" className="secondary" disabled={pending} aria-label={`Remove “${item.label}”`}>
        Remove
      </button>
      {state.status === "error" && (
        <span className="form-error" role="alert">
          {state.message}
        </span>
      )}
    </form>
  );
}

function EditForm({ menu, item, choices }: { menu: MenuLocation; item: MenuEditorItem; choices: MenuTargetChoices }) {
  const initial: FormState = { ...initialFormState, values: { label: item.label, target: item.target, url: item.url } };
  const [state, action, pending] = useActionState(updateMenuItemAction, initial);
  return (
    <details className="menu-item__edit" open={state.status === "error" ? true : undefined}>
      <summary>
        Edit<span className="visually-hidden"> “{item.label}”</span>
      </summary>
      <form action={action} className="admin-form" key={`${state.status}-${state.message}`} noValidate>
        <FormMessage state={state} />
        <input type="hidden" name="menu" value={menu} />
        <input type="hidden" name="itemId" value={item.id} />
        <LinkFields prefix={`edit-${menu}-${item.id}`} state={state} choices={choices} labelHint="The words readers see." />
        <div className="actions-row">
          <button type="submit" disabled={pending}>
            Save link
          </button>
        </div>
      </form>
    </details>
  );
}

function AddForm({ menu, choices }: { menu: MenuLocation; choices: MenuTargetChoices }) {
  const [state, action, pending] = useActionState(addMenuItemAction, initialFormState);
  return (
    <form action={action} className="admin-form menu-add" key={`${state.status}-${state.message}`} noValidate>
      <h3>Add a link</h3>
      <FormMessage state={state} />
      <input type="hidden" name="menu" value={menu} />
      <LinkFields prefix={`add-${menu}`} state={state} choices={choices} labelHint="Leave empty to use the page's, series' or category's own name." />
      <div className="actions-row">
        <button type="submit" disabled={pending}>
          Add to the menu
        </button>
      </div>
    </form>
  );
}

export function MenuEditor({ menu, items, choices }: { menu: MenuLocation; items: MenuEditorItem[]; choices: MenuTargetChoices }) {
  return (
    <>
      {items.length === 0 ? (
        <p className="form-hint">This menu is empty: readers see no links here.</p>
      ) : (
        <ol className="menu-items">
          {items.map((item, index) => (
            <li key={item.id} className="menu-item">
              <div className="menu-item__text">
                <strong>{item.label}</strong>
                <span className="form-hint"> → {item.leadsTo}</span>
                {item.hiddenBecause && <p className="form-error">Readers do not see this link: {item.hiddenBecause}.</p>}
              </div>
              <div className="menu-item__buttons">
                <MoveButton menu={menu} item={item} direction="up" disabled={index === 0} label="↑ Up" />
                <MoveButton menu={menu} item={item} direction="down" disabled={index === items.length - 1} label="↓ Down" />
                <RemoveButton menu={menu} item={item} />
              </div>
              <EditForm menu={menu} item={item} choices={choices} />
            </li>
          ))}
        </ol>
      )}
      <AddForm menu={menu} choices={choices} />
    </>
  );
}
