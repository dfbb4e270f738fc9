// The parts of JSZip 3.10 that the command line's reading of a package (zipInflate.ts) reaches
// into: the worker class its decompression chain is made of (lib/stream/GenericWorker.js), its
// DEFLATE method (lib/flate.js, the object lib/compressions.js exports as DEFLATE, whose
// uncompressWorker every deflated entry asks for a worker when it is read) and its conversion
// between data types (lib/utils.js). JSZip ships no types for them; only what is used is declared.
declare module "jszip/lib/stream/GenericWorker" {
  interface Chunk {
    data: string | number[] | Uint8Array;
    meta: Record<string, unknown>;
  }
  class GenericWorker {
    constructor(name: string);
    readonly isFinished: boolean;
    push(chunk: Chunk): void;
    processChunk(chunk: Chunk): void;
    flush(): void;
    cleanUp(): void;
    error(error: Error): boolean;
  }
  export = GenericWorker;
}
declare module "jszip/lib/flate" {
  const flate: { uncompressWorker: () => import("jszip/lib/stream/GenericWorker") };
  export = flate;
}
declare module "jszip/lib/utils" {
  const utils: { transformTo(type: "nodebuffer", data: string | number[] | Uint8Array): Buffer };
  export = utils;
}
