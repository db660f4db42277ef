import { createRequire } from 'node:module';
import type { Readability } from '@mozilla/readability';
import type { parseHTML as ParseHtml } from 'linkedom';

/**
 * linkedom and Readability, each loaded the first time a page needs it: importing linkedom alone takes about 0.2 s,
 * which every run over JSONL or plain text (and every worker thread) would otherwise pay. Their CommonJS builds, since
 * a require is synchronous.
 */
const requireCommonJs = createRequire(import.meta.url);
let parseHtml: typeof ParseHtml | undefined;
let readability: typeof Readability | undefined;

function linkedomParse(): typeof ParseHtml {
  parseHtml ??= (requireCommonJs('linkedom') as { parseHTML: typeof ParseHtml }).parseHTML;
  return parseHtml;
}

/** Readability's class, loaded on first use (see above). */
export function readabilityClass(): typeof Readability {
  readability ??= (requireCommonJs('@mozilla/readability') as { Readability: typeof Readability }).Readability;
  return readability;
}

// linkedom's and Readability's type declarations name the DOM library's types, which this project does not load
// (lib is ES2023 only, so they arrive as `any`). These interfaces are the part of the DOM that extraction reads;
// linkedom's nodes have all of it.

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const CDATA_SECTION_NODE = 4;

export interface DomNode {
  readonly nodeType: number;
  /** Upper-case tag name for HTML elements ("P"), "#text" for text. */
  readonly nodeName: string;
  readonly childNodes: Iterable<DomNode>;
  readonly parentNode: DomNode | null;
  readonly textContent: string | null;
  appendChild(node: DomNode): DomNode;
}

export interface DomElement extends DomNode {
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): Iterable<DomElement>;
  closest(selectors: string): DomElement | null;
  remove(): void;
}

export interface DomDocument {
  readonly documentElement: DomElement;
  readonly head: DomElement;
  readonly body: DomElement;
  readonly title: string;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): Iterable<DomElement>;
}

export function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT_NODE;
}

const HEAD_ELEMENTS = new Set(['TITLE', 'META', 'LINK', 'BASE']);

/**
 * Parses a page with linkedom. linkedom needs an <html> element and leaves whatever sits outside <head> and <body>
 * out of both, so a fragment is wrapped and stray nodes are moved where a browser would put them.
 */
export function parseDocument(html: string): DomDocument {
  const source = /<html[\s>]/i.test(html) ? html : `<!DOCTYPE html><html>${html}</html>`;
  const { document } = linkedomParse()(source) as { document: DomDocument };
  const { documentElement: root, head, body } = document;
  for (const child of [...root.childNodes]) {
    if (child === head || child === body) continue;
    if (isElement(child) && HEAD_ELEMENTS.has(child.nodeName)) head.appendChild(child);
    else body.appendChild(child);
  }
  return document;
}
