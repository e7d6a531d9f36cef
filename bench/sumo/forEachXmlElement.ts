/**
 * Walking the elements of a SUMO XML file (network, routes, trip info, summary) with the
 * streaming `saxes` parser: one call per opening tag with its name, its attributes and its
 * parent's name. Malformed XML throws an Error that names the file, line and column.
 */
import { SaxesParser, type SaxesTag } from 'saxes';

/** Called for each element as it opens; `parent` is the enclosing element's name ('' at the root). */
export type XmlElementHandler = (name: string, attributes: Record<string, string>, parent: string) => void;

/** Parses `text` (the content of `fileName`) and calls `onElement` for every opening tag, in order. */
export function forEachXmlElement(text: string, fileName: string, onElement: XmlElementHandler): void {
  const parser = new SaxesParser({ position: true });
  const stack: string[] = [];
  let failure: Error | undefined;
  parser.on('error', (error: Error) => {
    failure ??= new Error(`${fileName}: malformed XML: ${error.message}`);
  });
  parser.on('opentag', (tag: SaxesTag) => {
    onElement(tag.name, tag.attributes as Record<string, string>, stack.length > 0 ? stack[stack.length - 1] : '');
    stack.push(tag.name);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  try {
    parser.write(text).close();
  } catch (error) {
    failure ??= new Error(`${fileName}: malformed XML: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (failure) throw failure;
}
