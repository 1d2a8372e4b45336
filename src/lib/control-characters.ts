// C0 control characters other than tab, line feed and carriage return: no text needs them, HTML
// counts them as errors, XML 1.0 forbids them, and PostgreSQL cannot store NUL.

export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

export function withoutControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, "");
}
