import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * A small DOM over nncheck's HTML report, parsed with fast-xml-parser: the report is written
 * as well-formed markup (void elements aside), so a strict parse also proves every tag is
 * closed and every piece of user text escaped. Enough of a DOM for structure tests without a
 * browser: elements, attributes, classes, text.
 */
export interface El {
  tag: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

const VOID = ['meta', 'br', 'hr', 'img', 'link', 'input'];
type Raw = Record<string, unknown>;

function build(raw: Raw): El {
  const tag = Object.keys(raw).find((k) => k !== ':@')!;
  const attrs = (raw[':@'] ?? {}) as Record<string, string>;
  if (tag === '#text') return { tag, attrs, children: [], text: String(raw[tag]) };
  const children = ((raw[tag] ?? []) as Raw[]).map(build);
  return { tag, attrs, children, text: children.map((c) => c.text).join('') };
}

/** Parses a whole report page; throws with the line when it is not well-formed. */
export function parseHtml(html: string): El {
  if (!/^<!doctype html>/i.test(html)) throw new Error('the page does not start with <!doctype html>');
  const body = html.replace(/^<!doctype html>/i, '');
  const valid = XMLValidator.validate(body, { unpairedTags: VOID });
  if (valid !== true) throw new Error(`malformed HTML: ${valid.err.msg} (line ${valid.err.line})`);
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    unpairedTags: VOID,
    stopNodes: ['*.style'],
    htmlEntities: true,
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
  });
  const roots = (parser.parse(body) as Raw[]).map(build).filter((e) => e.tag !== '#text');
  if (roots.length !== 1 || roots[0].tag !== 'html') throw new Error('the page has no single <html> root');
  return roots[0];
}

const classes = (e: El) => (e.attrs.class ?? '').split(/\s+/);

/** Elements matching `tag.class.class` (either part optional), in document order. */
export function select(root: El, selector: string): El[] {
  const [tag, ...cls] = selector.split('.');
  const out: El[] = [];
  const walk = (e: El) => {
    if ((!tag || e.tag === tag) && cls.every((c) => classes(e).includes(c))) out.push(e);
    e.children.forEach(walk);
  };
  walk(root);
  return out;
}

/** Every element of the page. */
export const allElements = (root: El): El[] => select(root, '').filter((e) => e.tag !== '#text');
