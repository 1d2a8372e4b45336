"use client";

import { useEffect } from "react";

function rows(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>("tr[data-comment-row]")];
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

/** Keyboard moderation: j/k move between comments, x selects, a/s/t approve, spam or trash the current one. */
export function QueueShortcuts() {
  useEffect(() => {
    let current = -1;
    const focusRow = (index: number) => {
      const all = rows();
      if (all.length === 0) return;
      current = Math.max(0, Math.min(all.length - 1, index));
      all.forEach((row, i) => row.toggleAttribute("data-current", i === current));
      all[current].focus();
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey || isTyping(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === "j") return focusRow(current + 1);
      if (key === "k") return focusRow(current - 1);
      const row = rows()[current] ?? (document.activeElement?.closest("tr[data-comment-row]") as HTMLElement | null);
      if (!row) return;
      if (key === "x") {
        row.querySelector<HTMLInputElement>('input[name="ids"]')?.click();
        return;
      }
      const button = row.querySelector<HTMLButtonElement>(`button[data-shortcut="${key}"]`);
      if (button) {
        event.preventDefault();
        button.click();
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
  return null;
}
