// Valid HTML for browser tests: html-validate's standard rules, with the one message React's
// server-action forms always cause.
import { HtmlValidate } from "html-validate";

const validator = new HtmlValidate({ extends: ["html-validate:standard"] });

/** Each problem html-validate finds in the document, as "label line:column rule: message". */
export async function htmlValidityProblems(html: string, label: string): Promise<string[]> {
  const report = await validator.validateString(html);
  return report.results
    .flatMap((result) => result.messages)
    // React renders a server-action form with action="" (post back to this address) for browsers without JavaScript.
    .filter((message) => !(message.ruleId === "attribute-allowed-values" && message.message === 'Attribute "action" has invalid value ""'))
    .map((message) => `${label} ${message.line}:${message.column} ${message.ruleId}: ${message.message}`);
}
