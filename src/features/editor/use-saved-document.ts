"use client";
// The editor's memory, for posts and pages alike: what is typed is kept in this browser at every
// keystroke and saved to the server a moment after typing stops. Every save names the revision the
// editor started from, so a save from an older version comes back as a conflict (with the other
// version) instead of writing over it. A save that cannot reach the server is tried again when the
// connection returns. Nothing typed is lost: it is either saved or still here and in the browser copy.
import { useCallback, useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { FieldErrors } from "@/lib/errors";
import type { EditorVersion, SavedDocument } from "./saved-document";

export const AUTOSAVE_DELAY_MS = 2500;
/** While the server cannot be reached, a save is tried again this often (and at once when the browser says it is back online). */
const RETRY_DELAY_MS = 10_000;

type LocalCopy<Fields> = { fields: Fields; dirty: boolean; changedAt: string; baseRevisionId?: string };

export type SaveState = {
  kind: "idle" | "saving" | "saved" | "failed" | "offline" | "restored" | "conflict";
  message: string;
};

export type Conflict<Fields> = { theirs: EditorVersion<Fields>; mine: Fields };

type Options<Fields> = {
  /** localStorage key of this document's browser copy. */
  storageKey: string;
  initial: Fields;
  /** The revision `initial` is: saves start from it. */
  initialRevisionId: string;
  /** When that revision was saved (ISO): a browser copy older than it is offered, not restored unasked. */
  initialSavedAt: string;
  /** A published document whose latest revision readers do not see yet. */
  initialPending: boolean;
  save: (fields: Fields, baseRevisionId: string) => Promise<ActionResult<SavedDocument>>;
  /** The fields as the server stored them (a draft's address may give way to an earlier post's). */
  storedFields?: (sent: Fields, saved: SavedDocument) => Fields;
};

function readLocalCopy<Fields>(key: string): LocalCopy<Fields> | null {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as LocalCopy<Fields>) : null;
  } catch {
    return null;
  }
}

function writeLocalCopy<Fields>(key: string, copy: LocalCopy<Fields>) {
  try {
    window.localStorage.setItem(key, JSON.stringify(copy));
  } catch {
    // Storage full or disabled: the server copy is still saved by autosave.
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const clock = (iso: string) => new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });

export function useSavedDocument<Fields>({ storageKey, initial, initialRevisionId, initialSavedAt, initialPending, save: send, storedFields }: Options<Fields>) {
  const [fields, setFields] = useState<Fields>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saveState, setSaveState] = useState<SaveState>({ kind: "idle", message: "All changes saved." });
  const [pending, setPending] = useState(initialPending);
  const [conflict, setConflict] = useState<Conflict<Fields> | null>(null);
  const [olderLocalCopy, setOlderLocalCopy] = useState<LocalCopy<Fields> | null>(null);
  const fieldsRef = useRef(fields);
  const savedRef = useRef(initial);
  const baseRef = useRef(initialRevisionId);
  const conflictRef = useRef<Conflict<Fields> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const retry = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const offline = useRef(false);
  const saveNowRef = useRef<() => Promise<boolean>>(async () => false);

  const remember = useCallback(
    (next: Fields, dirty: boolean) => writeLocalCopy(storageKey, { fields: next, dirty, changedAt: new Date().toISOString(), baseRevisionId: baseRef.current }),
    [storageKey],
  );

  /** Someone else saved since: both versions are shown, and nothing is saved until the writer chooses. */
  const reportConflict = useCallback((theirs: EditorVersion<Fields>) => {
    clearTimeout(timer.current);
    const found = { theirs, mine: fieldsRef.current };
    conflictRef.current = found;
    setConflict(found);
    setSaveState({ kind: "conflict", message: "Not saved: someone else saved this since you opened it. Your text is kept here and in this browser; choose below." });
  }, []);

  /** One save at a time, in order: each starts from the revision the one before it made. */
  const saveOnce = useCallback(async (): Promise<boolean> => {
    clearTimeout(timer.current);
    clearTimeout(retry.current);
    if (conflictRef.current) return false;
    const sending = fieldsRef.current;
    if (same(sending, savedRef.current)) {
      // Edited back to what the server already has: nothing to send, and nothing is wrong any more.
      remember(sending, false);
      setErrors({});
      if (!offline.current) setSaveState({ kind: "saved", message: "All changes saved." });
      return true;
    }
    setSaveState({ kind: "saving", message: "Saving…" });
    let result: ActionResult<SavedDocument>;
    try {
      result = await send(sending, baseRef.current);
    } catch {
      offline.current = true;
      setSaveState({ kind: "offline", message: "Not saved: the server cannot be reached. Your text is kept in this browser and will be saved as soon as the connection returns." });
      retry.current = setTimeout(() => void saveNowRef.current(), RETRY_DELAY_MS);
      return false;
    }
    if (!result.ok) {
      if (result.conflict) {
        reportConflict(result.conflict as EditorVersion<Fields>);
        return false;
      }
      setErrors(result.fieldErrors);
      setSaveState({ kind: "failed", message: `Not saved: ${result.error} Your text is kept in this browser.` });
      return false;
    }
    const stored = storedFields ? storedFields(sending, result.data) : sending;
    if (!same(stored, sending) && same(fieldsRef.current, sending)) {
      fieldsRef.current = stored;
      setFields(stored);
    }
    savedRef.current = stored;
    baseRef.current = result.data.revisionId;
    setPending(result.data.pending);
    setErrors({});
    const typedSince = !same(fieldsRef.current, stored);
    remember(fieldsRef.current, typedSince);
    const time = clock(result.data.savedAt);
    // Words typed while this save was on its way are not saved yet: they are saved next.
    if (typedSince) {
      setSaveState({ kind: "idle", message: "Unsaved changes…" });
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void saveNowRef.current(), AUTOSAVE_DELAY_MS);
    } else setSaveState({ kind: "saved", message: offline.current ? `Saved at ${time}, when the connection came back.` : `Saved at ${time}.` });
    offline.current = false;
    return true;
  }, [remember, reportConflict, send, storedFields]);

  const saveNow = useCallback(async (): Promise<boolean> => {
    while (inFlight.current) await inFlight.current;
    const attempt = saveOnce();
    inFlight.current = attempt;
    try {
      return await attempt;
    } finally {
      inFlight.current = null;
    }
  }, [saveOnce]);

  useEffect(() => {
    saveNowRef.current = saveNow;
  }, [saveNow]);

  const scheduleSave = useCallback(() => {
    clearTimeout(timer.current);
    if (!offline.current) timer.current = setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS);
  }, [saveNow]);

  /** Changes from the form: kept in this browser now, saved shortly. */
  const update = useCallback(
    (changes: Partial<Fields>) => {
      const next = { ...fieldsRef.current, ...changes };
      fieldsRef.current = next;
      setFields(next);
      remember(next, true);
      if (conflictRef.current) return;
      if (!offline.current) setSaveState({ kind: "idle", message: "Unsaved changes…" });
      scheduleSave();
    },
    [remember, scheduleSave],
  );

  /** The server's version becomes the editor's (taken in a conflict, or after discarding changes). */
  const adopt = useCallback(
    (version: { revisionId: string; fields: Fields }, message: string, stillPending = false) => {
      clearTimeout(timer.current);
      conflictRef.current = null;
      setConflict(null);
      fieldsRef.current = version.fields;
      savedRef.current = version.fields;
      baseRef.current = version.revisionId;
      setFields(version.fields);
      setPending(stillPending);
      setErrors({});
      remember(version.fields, false);
      setSaveState({ kind: "saved", message });
    },
    [remember],
  );

  /** After Update: readers now get the revision the editor shows. */
  const markLive = useCallback((revisionId: string) => {
    if (revisionId === baseRef.current) setPending(false);
  }, []);

  const resolveConflict = {
    /** Mine goes on top of theirs, as a new revision whose base is theirs. */
    keepMine: async () => {
      const found = conflictRef.current;
      if (!found) return;
      baseRef.current = found.theirs.revisionId;
      savedRef.current = found.theirs.fields;
      conflictRef.current = null;
      setConflict(null);
      await saveNow();
    },
    takeTheirs: () => {
      const found = conflictRef.current;
      if (found) adopt(found.theirs, `Showing the version saved by ${found.theirs.savedBy} at ${clock(found.theirs.savedAt)}.`, pending);
    },
  };

  // A copy this browser never managed to save wins when it was made from the version the server still
  // has; one made from an older version (or before versions were recorded, from before the last save)
  // is offered instead, for the writer to choose.
  useEffect(() => {
    const local = readLocalCopy<Fields>(storageKey);
    if (!local?.dirty || same(local.fields, initial)) return;
    const current = local.baseRevisionId ? local.baseRevisionId === initialRevisionId : new Date(local.changedAt) > new Date(initialSavedAt);
    if (current) {
      fieldsRef.current = local.fields;
      /* eslint-disable react-hooks/set-state-in-effect -- restoring from storage happens once, after hydration */
      setFields(local.fields);
      setSaveState({ kind: "restored", message: "Restored changes from this browser that had not been saved yet. They will be saved shortly." });
      scheduleSave();
    } else setOlderLocalCopy(local);
    /* eslint-enable react-hooks/set-state-in-effect */
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs once per document, after hydration
  }, [storageKey]);

  const localCopyChoice = olderLocalCopy && {
    changedAt: olderLocalCopy.changedAt,
    /** The browser's copy replaces the saved version, on top of it. */
    use: () => {
      setOlderLocalCopy(null);
      update(olderLocalCopy.fields);
      setSaveState({ kind: "restored", message: "Restored changes from this browser. They will be saved shortly." });
    },
    dismiss: () => {
      remember(savedRef.current, false);
      setOlderLocalCopy(null);
    },
  };

  // Back online: what could not be sent goes now.
  useEffect(() => {
    const back = () => {
      if (offline.current) void saveNow();
    };
    window.addEventListener("online", back);
    return () => window.removeEventListener("online", back);
  }, [saveNow]);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (!same(fieldsRef.current, savedRef.current)) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, []);

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      clearTimeout(retry.current);
    },
    [],
  );

  return {
    fields,
    update,
    errors,
    setErrors,
    saveState,
    saveNow,
    /** A published document with changes readers do not see yet. */
    pending,
    /** The revision the editor shows (after its last save). */
    revisionId: () => baseRef.current,
    conflict,
    reportConflict,
    resolveConflict,
    adopt,
    markLive,
    localCopyChoice,
  };
}
