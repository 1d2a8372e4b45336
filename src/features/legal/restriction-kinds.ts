// The kinds of reporting restriction a case may have, safe for the browser (no zod).

export const RESTRICTION_KINDS = ["postponement-order", "complainant-anonymity", "child-anonymity", "other-order"] as const;
export type RestrictionKind = (typeof RESTRICTION_KINDS)[number];
export const RESTRICTION_LABELS: Record<RestrictionKind, string> = {
  "postponement-order": "Postponement order (s.4(2) Contempt of Court Act 1981)",
  "complainant-anonymity": "Anonymity of a complainant (Sexual Offences (Amendment) Act 1992)",
  "child-anonymity": "Anonymity of a child (s.49 CYPA 1933, s.45 YJCEA 1999)",
  "other-order": "Other order (s.11 and others)",
};
