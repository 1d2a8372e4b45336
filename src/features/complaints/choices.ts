// The choices and limits of the complaint forms, safe for the browser (no zod).

/** The Editors' Code clauses a reader may complain under, and "other". */
export const CODE_CLAUSES = {
  "1": "1 Accuracy",
  "2": "2 Privacy",
  "3": "3 Harassment",
  "4": "4 Intrusion into grief or shock",
  "5": "5 Reporting of suicide",
  "6": "6 Children",
  "7": "7 Children in sex cases",
  "9": "9 Reporting of crime",
  "11": "11 Victims of sexual assault",
  "12": "12 Discrimination",
  "14": "14 Confidential sources",
  other: "Something else",
} as const;

export type CodeClause = keyof typeof CODE_CLAUSES;


export const COMPLAINT_TEXT_MAX = 5000;

export const OUTCOMES = { CORRECTED: "Corrected", CLARIFIED: "Clarified", REPLY_PUBLISHED: "Reply published", NOT_UPHELD: "Not upheld" } as const;
export const STATUSES = { RECEIVED: "Received", ACKNOWLEDGED: "Acknowledged", INVESTIGATING: "Investigating", ESCALATED: "Escalated", RESOLVED: "Resolved" } as const;
