import { xmlSafe } from '../util/text-safety.ts';

/**
 * Text XML 1.0 accepts: forbidden controls shown, noncharacters and lone surrogates replaced
 * (user output can contain them).
 */
export const stripControl = xmlSafe;

/** Escapes text for HTML and XML content and attribute values (all user text goes through this). */
export function escapeXml(s: unknown): string {
  return stripControl(
    String(s ?? '').replace(
      /[&<>"']/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
    ),
  );
}
