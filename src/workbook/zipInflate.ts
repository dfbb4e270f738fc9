// A package's parts inflated by Node's zlib while ExcelJS reads it. Node only.
//
// ExcelJS 4.4 reads a package with JSZip (lib/xlsx/xlsx.js, load: JSZip.loadAsync, then each
// part's entry.async), and JSZip 3.10 inflates a deflated part with pako, zlib ported to
// JavaScript (lib/flate.js), 16 KiB at a time: on a 10,000-row workbook, reading every part
// took about 160 ms in a fresh process, about 50 ms with Node's zlib. Around the read, JSZip's
// DEFLATE method is given a worker that gathers a part's compressed bytes and inflates them
// with zlib at once at their end; the rest of JSZip's chain (the check of the inflated size
// against the package's, UTF-8 decoding, the output types) is JSZip's own. Stored parts are
// not deflated and never reach it.
import { constants } from "buffer";
import { inflateRawSync } from "zlib";
import JSZip from "jszip";
import flate from "jszip/lib/flate";
import GenericWorker from "jszip/lib/stream/GenericWorker";
import utils from "jszip/lib/utils";

/**
 * The largest part, in bytes once inflated, a package may hold. ExcelJS 4.4 reads every part but
 * its media and themes as one string (lib/xlsx/xlsx.js, load: `entry.async('string')`), and V8
 * makes no string longer than Node's buffer.constants.MAX_STRING_LENGTH (2^29 - 24 on a 64-bit
 * machine), a character a byte of the XML Excel writes: a larger part cannot be read at all.
 */
export const LARGEST_PART = constants.MAX_STRING_LENGTH;

/**
 * The first part of the package in `buffer` whose size once inflated, as the package gives it,
 * is over LARGEST_PART, or undefined; read from the package's directory alone (JSZip 3.10's
 * loadAsync inflates nothing), so that such a part is refused before anything is inflated.
 * A package JSZip cannot read gives undefined: ExcelJS's own read then says what is wrong.
 */
export async function partTooLarge(buffer: Buffer): Promise<{ name: string; size: number } | undefined> {
  let files: JSZip["files"];
  try {
    files = (await JSZip.loadAsync(buffer)).files;
  } catch {
    return undefined;
  }
  for (const [name, entry] of Object.entries(files)) {
    // ZipObject keeps the sizes the package gives in its CompressedObject (lib/compressedObject.js), not in its typings.
    const read = (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize;
    if (typeof read !== "number") continue;
    // JSZip reads the 4-byte size as a signed number (lib/reader/DataReader.js readInt): 2 GiB and over come out negative.
    const size = read < 0 ? read + 2 ** 32 : read;
    if (size > LARGEST_PART) return { name, size };
  }
  return undefined;
}

/** A part whose compressed bytes do not inflate: the package is damaged, the reader is not at fault. */
export class DamagedPartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DamagedPartError";
  }
}

/**
 * Takes the place of JSZip's FlateWorker("Inflate") in a part's chain: its input is the part's
 * compressed bytes, in JSZip's 16 KiB chunks; its output, as pako's, is Uint8Array (which
 * JSZip's UTF-8 decoder takes as it is: a Buffer it would copy byte by byte, lib/utils.js
 * transformTo), with the progress of the last chunk received, and nothing for an empty part.
 */
class ZlibInflateWorker extends GenericWorker {
  private chunks: Buffer[] = [];
  private meta: Record<string, unknown> = {};

  constructor() {
    super("ZlibInflate");
  }

  override processChunk(chunk: { data: string | number[] | Uint8Array; meta: Record<string, unknown> }): void {
    this.meta = chunk.meta;
    this.chunks.push(utils.transformTo("nodebuffer", chunk.data));
  }

  override flush(): void {
    super.flush();
    const compressed = Buffer.concat(this.chunks);
    this.chunks = [];
    // pako gives nothing for a part of no bytes (JSZip then checks the size the package gives, 0); zlib would fail.
    if (compressed.length === 0) return;
    let inflated: Buffer;
    try {
      // A part the package says is larger is refused before it is read (partTooLarge): one that
      // inflates to more all the same belies its size, and stops there instead of filling memory.
      inflated = inflateRawSync(compressed, { maxOutputLength: LARGEST_PART });
    } catch (error) {
      // Through the chain's error, as a worker reports one: thrown here, it would escape JSZip's
      // end (GenericWorker.end calls flush outside its try) into the timer that drives the chain.
      this.error(new DamagedPartError(`a compressed part does not inflate (${(error as Error).message})`));
      return;
    }
    if (inflated.length > 0) this.push({ data: new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.length), meta: this.meta });
  }

  override cleanUp(): void {
    super.cleanUp();
    this.chunks = [];
  }
}

const zlibInflate = () => new ZlibInflateWorker();
/** Reads under way, and JSZip's own inflate while any is. */
let reading = 0;
let jszipInflate = flate.uncompressWorker;

/**
 * Runs `read` (ExcelJS's load of a package) with JSZip's deflated parts inflated by zlib, and
 * gives JSZip its own inflate back once the last read under way ends, for its users elsewhere.
 */
export async function withZlibInflate<T>(read: () => Promise<T>): Promise<T> {
  if (reading++ === 0) {
    jszipInflate = flate.uncompressWorker;
    flate.uncompressWorker = zlibInflate;
  }
  try {
    return await read();
  } finally {
    if (--reading === 0) flate.uncompressWorker = jszipInflate;
  }
}
