// The parts of SaxonJS (saxon-js 2.x, no bundled types) that tei-edition uses.
declare module 'saxon-js' {
  interface TransformOptions {
    stylesheetInternal?: unknown;
    stylesheetFileName?: string;
    sourceText?: string;
    /** A document already parsed by SaxonJS (XPath parse-xml). */
    sourceNode?: unknown;
    sourceFileName?: string;
    /** A named template to start from, as an EQName (Q{uri}local), instead of a source document. */
    initialTemplate?: string;
    destination?: 'serialized' | 'document' | 'raw';
    stylesheetParams?: Record<string, unknown>;
    outputProperties?: Record<string, unknown>;
    /** Against which the href of xsl:result-document resolves (the keys of resultDocuments). */
    baseOutputURI?: string;
    /** Where each xsl:result-document goes; 'serialized': a string in resultDocuments. */
    deliverResultDocument?: (uri: string) => { destination: 'serialized' | 'document' | 'raw' };
  }
  interface TransformResult {
    principalResult: string;
    /** The secondary results (xsl:result-document), by absolute URI. */
    resultDocuments: Record<string, string>;
  }
  const SaxonJS: {
    transform(options: TransformOptions, mode?: 'sync'): TransformResult;
    getProcessorInfo(): { productVersion: string };
    XPath: { evaluate(xpath: string, context: unknown, options?: { params?: Record<string, unknown> }): unknown };
  };
  export default SaxonJS;
}
