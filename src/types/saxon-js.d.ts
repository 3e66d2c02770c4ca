// The parts of SaxonJS (saxon-js 2.x, no bundled types) that tei-edition uses.
declare module 'saxon-js' {
  interface TransformOptions {
    stylesheetInternal?: unknown;
    stylesheetFileName?: string;
    sourceText?: string;
    /** A document already parsed by SaxonJS (XPath parse-xml). */
    sourceNode?: unknown;
    sourceFileName?: string;
    destination?: 'serialized' | 'document' | 'raw';
    stylesheetParams?: Record<string, unknown>;
    outputProperties?: Record<string, unknown>;
  }
  interface TransformResult {
    principalResult: string;
  }
  const SaxonJS: {
    transform(options: TransformOptions, mode?: 'sync'): TransformResult;
    getProcessorInfo(): { productVersion: string };
    XPath: { evaluate(xpath: string, context: unknown, options?: { params?: Record<string, unknown> }): unknown };
  };
  export default SaxonJS;
}
