/** Logs keep only an email's domain (SPEC decided detail 17). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '***' : `***@${email.slice(at + 1)}`;
}

/** Logs keep only a phone number's last four digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `***${digits.slice(-4)}`;
}
