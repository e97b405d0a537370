const DELETED_EMAIL = /_deleted_\d+$/;

/** True for the email Domo gives a deleted user (`…_deleted_<epoch>`). */
export function isDeletedEmail(email: string): boolean {
  return DELETED_EMAIL.test(email);
}
