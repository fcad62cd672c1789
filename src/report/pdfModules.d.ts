// The few parts of pdfkit and svg-to-pdfkit (untyped JavaScript packages) that figureFormats.ts uses.
declare module 'pdfkit' {
  interface PdfOptions {
    size: [number, number];
    margin: number;
    info?: Record<string, string | Date>;
  }
  export default class PDFDocument {
    constructor(options: PdfOptions);
    on(event: 'data', listener: (chunk: Buffer) => void): this;
    on(event: 'end', listener: () => void): this;
    on(event: 'error', listener: (e: Error) => void): this;
    end(): void;
  }
}

declare module 'svg-to-pdfkit' {
  import type PDFDocument from 'pdfkit';
  interface SvgOptions {
    assumePt?: boolean;
    warningCallback?: (warning: string) => void;
  }
  export default function SVGtoPDF(doc: PDFDocument, svg: string, x: number, y: number, options?: SvgOptions): void;
}
