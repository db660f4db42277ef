/**
 * Elements HTML lets a page leave open (their end tag implied) and void elements: not counted as nesting by
 * flattenDeepHtml, so legacy pages full of unclosed <p> and <li> are not taken for deep ones.
 */
const NOT_NESTING = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
  'p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'colgroup', 'caption',
  'rb', 'rt', 'rtc', 'rp', 'html', 'head', 'body',
]);

/** Elements whose content is raw text, never tags: skipped whole. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'plaintext', 'noscript', 'iframe', 'noembed', 'noframes']);

const TAG = /<!--|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;

/**
 * The page with its tags nested deeper than `maxDepth` taken out (each replaced by a space, so words on either side
 * stay apart) and their text kept; `flattened` says whether any were. A parser takes time that grows with the square
 * of the depth (linkedom: 100,000 nested <div>s, 30 s), and a walk of the tree recurses; this scan is linear and keeps
 * every later stage bounded. The tree is tracked as tags open and close, without a parser: an end tag closes the
 * nearest open element of its name, as a browser's would.
 */
export function flattenDeepHtml(html: string, maxDepth: number): { html: string; flattened: boolean } {
  const open: Array<{ name: string; dropped: boolean }> = [];
  let depth = 0;
  const cuts: Array<[number, number]> = [];
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m !== null; m = TAG.exec(html)) {
    if (m[0] === '<!--') {
      const end = html.indexOf('-->', m.index + 4);
      if (end === -1) break;
      TAG.lastIndex = end + 3;
      continue;
    }
    const name = m[2]!.toLowerCase();
    if (m[1] === '/') {
      let at = open.length - 1;
      while (at >= 0 && open[at]!.name !== name) at--;
      if (at === -1) continue;
      // The elements still open inside the one closed here close with it.
      const closed = open.splice(at);
      for (const element of closed) if (!element.dropped) depth--;
      if (closed[0]!.dropped) cuts.push([m.index, m.index + m[0].length]);
      continue;
    }
    if (RAW_TEXT.has(name)) {
      const close = new RegExp(`</${name}`, 'gi');
      close.lastIndex = TAG.lastIndex;
      const end = close.exec(html);
      if (end === null) break;
      TAG.lastIndex = end.index;
      continue;
    }
    if (m[3] === '/' || NOT_NESTING.has(name)) continue;
    const dropped = depth >= maxDepth;
    open.push({ name, dropped });
    if (dropped) cuts.push([m.index, m.index + m[0].length]);
    else depth++;
  }
  if (cuts.length === 0) return { html, flattened: false };
  let flat = '';
  let last = 0;
  for (const [start, end] of cuts) {
    flat += `${html.slice(last, start)} `;
    last = end;
  }
  return { html: flat + html.slice(last), flattened: true };
}
