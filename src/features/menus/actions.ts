"use server";
import { runFormAction } from "@/lib/action";
import type { FormState } from "@/lib/action-result";
import { addMenuItem, moveMenuItem, removeMenuItem, updateMenuItem } from "./commands";

export async function addMenuItemAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(addMenuItem, form, undefined, { refreshPage: true });
}

export async function updateMenuItemAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(updateMenuItem, form, undefined, { refreshPage: true, keepValues: true });
}

export async function moveMenuItemAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(moveMenuItem, form, undefined, { refreshPage: true });
}

export async function removeMenuItemAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(removeMenuItem, form, undefined, { refreshPage: true });
}
