import { CDATA_SECTION_NODE, type DomElement, type DomNode, isElement, TEXT_NODE } from './dom.js';

/** Elements whose content is never text a reader sees: code, styles, markup templates, drawings, form state. */
const NEVER_TEXT = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'MATH', 'CANVAS', 'IFRAME', 'OBJECT', 'EMBED', 'VIDEO', 'AUDIO',
  'HEAD', 'TITLE', 'META', 'LINK', 'BASE', 'SELECT', 'TEXTAREA', 'INPUT',
]);

/** Elements that start and end a block of text: a paragraph, a heading, a list item, a cell. */
const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CAPTION', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'DL', 'DT',
  'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HGROUP', 'HR',
  'HTML', 'LEGEND', 'LI', 'MAIN', 'MENU', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT',
  'TH', 'THEAD', 'TR', 'UL',
]);

/** Marks, on textBlocks' stack, where a block element's content ends. */
const BLOCK_END = Symbol('block end');

/** Hidden by the page itself: the `hidden` attribute or an inline display:none / visibility:hidden. */
export function isHidden(element: DomElement): boolean {
  if (element.hasAttribute('hidden')) return true;
  const style = element.getAttribute('style');
  return style !== null && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i.test(style);
}

/**
 * The text a reader sees in a subtree, one entry per block (paragraph, heading, list item, cell), in document order.
 * White space is collapsed as a browser collapses it; a <br> is kept as a line break within its block.
 */
export function textBlocks(root: DomNode): string[] {
  const blocks: string[] = [];
  let current = '';
  const flush = () => {
    const block = current
      .split('\n')
      .map((line) => line.replace(/\s+/g, ' ').trim())
      .filter((line) => line !== '')
      .join('\n');
    if (block !== '') blocks.push(block);
    current = '';
  };
  // Depth first with a stack of its own, not recursion: a page may nest elements ten thousand deep. An entry is a node
  // to visit, or a block's end (where its text is flushed).
  const stack: Array<DomNode | typeof BLOCK_END> = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === BLOCK_END) {
      flush();
      continue;
    }
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
      // Source line breaks are plain white space; only <br> breaks a line.
      current += (node.textContent ?? '').replace(/\s+/g, ' ');
      continue;
    }
    if (!isElement(node)) continue;
    const name = node.nodeName.toUpperCase();
    // The root is read whatever it is: a <noscript> asked for by name (extract/html.ts) is read as its contents.
    if ((node !== root && NEVER_TEXT.has(name)) || isHidden(node)) continue;
    if (name === 'BR') {
      current += '\n';
      continue;
    }
    if (name === 'PRE') {
      // Preformatted text (wire copy as agencies send it) keeps its lines, and its blank lines part paragraphs.
      flush();
      for (const paragraph of (node.textContent ?? '').split(/\n[^\S\n]*\n\s*/)) {
        current = paragraph;
        flush();
      }
      continue;
    }
    const block = BLOCK.has(name);
    if (block) {
      flush();
      stack.push(BLOCK_END);
    }
    const children = [...node.childNodes];
    for (let c = children.length - 1; c >= 0; c--) stack.push(children[c]!);
  }
  flush();
  return blocks;
}

/** Blocks as one text: blocks separated by blank lines. */
export function joinBlocks(blocks: readonly string[]): string {
  return blocks.join('\n\n');
}

/** Words in a text, as extraction compares amounts of text (not the pipeline's tokens). */
export function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

/**
 * How deep elements nest under `root` (root alone: 1), counted no further than `limit` + 1: enough to tell a page
 * nested past the limit, without walking the rest of it. Iterative, as any walk of a page must be.
 */
export function nestingDepth(root: DomNode, limit: number): number {
  let deepest = 0;
  const stack: Array<{ node: DomNode; depth: number }> = [{ node: root, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    for (const child of node.childNodes) if (isElement(child)) stack.push({ node: child, depth: depth + 1 });
  }
  return deepest;
}
