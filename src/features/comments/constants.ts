/** Spam and trash are deleted for good this many days after they were moved there. */
export const EMPTY_AFTER_DAYS = 30;
