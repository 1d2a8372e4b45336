"use server";
// Server actions for complaints: the reader's form and the editors' queue, through the pipeline in
// src/lib/action.ts.
import { formValues, runFormAction } from "@/lib/action";
import type { FormState } from "@/lib/action-result";
import { clientIp } from "@/lib/client-ip";
import { moveComplaintOn, noteOnComplaint, resolveWithCorrection, submitComplaint } from "./commands";

/** The honeypot is the field named `website`; the client's address comes from the request, never the form. */
async function complaintInput(form: FormData) {
  const values = formValues(form);
  return { ...values, honeypot: values.website ?? "", formToken: values.formToken || undefined, ip: await clientIp() };
}

/** Accepted, the form starts empty again; refused, it keeps every value (runFormAction). */
export async function submitComplaintAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(submitComplaint, form, complaintInput);
}

export async function noteOnComplaintAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(noteOnComplaint, form, undefined, { refreshPage: true });
}

export async function moveComplaintAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(moveComplaintOn, form, undefined, { refreshPage: true });
}

export async function resolveWithCorrectionAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(resolveWithCorrection, form);
}
