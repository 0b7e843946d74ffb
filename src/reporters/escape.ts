/** Drops the control characters XML 1.0 forbids (user output can contain them). */
// eslint-disable-next-line no-control-regex
export const stripControl = (s: string): string => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** Escapes text for HTML and XML content and attribute values (all user text goes through this). */
export function escapeXml(s: unknown): string {
  return stripControl(String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string));
}
