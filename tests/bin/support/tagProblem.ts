/**
 * A small well-formedness check of an HTML page for the report tests: every element closed in
 * order (void elements excepted), `/>` only inside SVG, no bare `<` in text.
 */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** The first problem with the page's tag structure, or null: every element closed in order, void elements excepted, `/>` only inside SVG. */
export function tagProblem(html: string): string | null {
  const body = html.replace(/^<!DOCTYPE html>/i, '').replace(/<!--[\s\S]*?-->/g, '').replace(/(<style>)[\s\S]*?(<\/style>)/g, '$1$2');
  const stack: string[] = [];
  for (const match of body.matchAll(/<(\/?)([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g)) {
    const [, closing, rawName, , selfClosing] = match;
    const name = rawName.toLowerCase();
    if (closing) {
      const open = stack.pop();
      if (open !== name) return `</${name}> closes <${open ?? 'nothing'}> at ${match.index}`;
    } else if (selfClosing) {
      if (!stack.includes('svg') && !VOID.has(name)) return `<${name}/> self-closed outside SVG at ${match.index}`;
    } else if (!VOID.has(name)) {
      stack.push(name);
    }
  }
  if (stack.length > 0) return `unclosed: ${stack.join(' > ')}`;
  if (/<(?![a-zA-Z/!])/.test(body.replace(/<[^>]*>/g, ''))) return 'a bare < in text';
  return null;
}
