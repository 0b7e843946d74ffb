import { escapeXml } from './escape.ts';

export type Attrs = Record<string, string | number>;

const attributes = (attrs: Attrs): string =>
  Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');

/** An element's opening tag, its attribute values escaped and in the order given. */
export const openTag = (name: string, attrs: Attrs = {}): string => `<${name}${attributes(attrs)}>`;

/**
 * One HTML or SVG element. `content` is markup, inserted as it is (escape text with escapeXml);
 * without it the element closes itself, as SVG's line, rect and path do.
 */
export function tag(name: string, attrs: Attrs = {}, content?: string): string {
  return content === undefined ? `<${name}${attributes(attrs)}/>` : `${openTag(name, attrs)}${content}</${name}>`;
}
