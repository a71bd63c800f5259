/**
 * A form `transform` that sends only the fields the API accepts: react-admin submits the whole record,
 * and the API rejects unknown fields. Empty optional values are left out.
 */
export function pickFields<T extends Record<string, unknown>>(fields: readonly string[]) {
  return (data: T): Partial<T> =>
    Object.fromEntries(
      fields.filter((field) => data[field] !== undefined && data[field] !== '').map((field) => [field, data[field]]),
    ) as Partial<T>;
}

/** An absolute URL for a link the API may answer as a path (copied into an email, it must stand alone). */
export function absoluteUrl(url: string): string {
  try {
    return new URL(url, window.location.href).toString();
  } catch {
    return url;
  }
}
