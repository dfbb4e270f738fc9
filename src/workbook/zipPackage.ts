// The zip container of an .xlsx package, written with Node's own zlib. Node only.
//
// ExcelJS packs through JSZip, whose deflate is JavaScript (pako): on a 10,000-row summary it
// was the largest single cost of the command line's write, and JSZip holds every part, the
// deflated output and its chunks in memory at once. Here each part is deflated as ExcelJS hands
// it over, a worksheet a mebibyte at a time as its rows are rendered (stream), and a part is
// inflated again only when the charts edit it (xlsxCharts.ts).
//
// Layout as in PKWARE's APPNOTE.TXT (version 6.3.10, sections 4.3.7 local file header, 4.3.12
// central directory header, 4.3.16 end of central directory record), without Zip64: a part or
// a package of 4 GiB or more, or more than 65,535 parts, is refused with one line instead.
import { constants, crc32, deflateRaw, deflateRawSync, inflateRawSync, type ZlibOptions } from "zlib";

/** Deflate level: 1 is several times faster than the default 6 and the package only about a quarter larger. */
const LEVEL = 1;
const ZIP32_LIMIT = 0xffffffff;
const ENTRIES_LIMIT = 0xffff;
/** General purpose flag bit 11: names are UTF-8 (APPNOTE 4.4.4). */
const UTF8_NAMES = 0x0800;
const DEFLATED = 8;
/** Version needed to extract: 2.0, deflate (APPNOTE 4.4.3). */
const VERSION = 20;
/** A part written in pieces is deflated a mebibyte at a time. */
const PIECE_BYTES = 1 << 20;
/** Room past a piece's mebibyte, so that a row that starts just short of it still fits. */
const PIECE_SLACK = 1 << 18;
const PIECE_BUFFER = PIECE_BYTES + PIECE_SLACK;
/**
 * Pieces deflated in the background at once. zlib's callbacks, which free a piece and end its
 * deflate, run only when the writer yields to the event loop: two in flight keep the thread pool
 * deflating on a second core while the next piece is rendered.
 */
const IN_FLIGHT = 2;
const EMPTY = Buffer.alloc(0);

interface Entry {
  /**
   * The deflated pieces, in order, never joined into one buffer: a worksheet's is tens of
   * megabytes at 100,000 rows, and the package is written to its file piece by piece (chunks).
   */
  readonly data: readonly Buffer[];
  /** The deflated pieces' length together. */
  readonly length: number;
  readonly crc: number;
  readonly size: number;
  /** The CRC and size of what comes before the last piece (both 0 for a part deflated whole). */
  readonly last: { readonly crc: number; readonly size: number };
}

function entryOf(data: readonly Buffer[], crc: number, size: number, last: Entry["last"]): Entry {
  let length = 0;
  for (const piece of data) length += piece.length;
  return { data, length, crc, size, last };
}

/** The end of a part, to be edited without inflating the rest (ZipPackage.end). */
export interface PartEnd {
  /** The start of the part: at least the first text written to it (a worksheet's everything before its rows). */
  readonly head: string;
  /** The part's last piece: for a worksheet written in pieces, at least the last text written to it (everything after its rows). */
  readonly tail: string;
  /** Puts `tail` in place of the last piece. */
  replaceTail(tail: string): void;
}

/** How a part written in pieces is deflated (ZipPackage.stream). */
export interface StreamOptions {
  /**
   * Each piece is deflated on libuv's thread pool (zlib's asynchronous API) while the caller
   * goes on writing the next, instead of on the main thread between writes: the package is then
   * complete only once `settled()` has resolved.
   */
  readonly inBackground?: boolean;
}

/** A part being written in pieces (ZipPackage.stream). */
export interface PartWriter {
  write(text: string): void;
  /**
   * Whether as many pieces as the thread pool is given are being deflated in the background:
   * the caller should then wait for `ready()` before writing on, or the pieces waiting (a
   * mebibyte of text each, the deflated one a little more) pile up until it yields.
   */
  readonly busy: boolean;
  /** Resolves when fewer pieces than that are being deflated (at once when none is written in the background). */
  ready(): Promise<void>;
  /** Ends the part and adds it to the package. */
  end(): void;
}

/** One part of a package, read the way JSZip's objects are, so the chart code reads either. */
export interface PackagePart {
  async(type: "string"): Promise<string>;
  async(type: "nodebuffer"): Promise<Buffer>;
}

export class ZipPackageTooLargeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ZipPackageTooLargeError";
  }
}

function dosDateTime(date: Date): { time: number; date: number } {
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    date: ((Math.max(1980, date.getFullYear()) - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

/**
 * Deflates `raw` on libuv's thread pool; the same options give the same bytes as deflateRawSync.
 * Its output buffer holds the whole piece deflated: zlib's asynchronous API deflates one output
 * buffer per trip to the thread pool and needs the main thread between trips, which is busy
 * rendering, so with the default 16 KiB buffer little would be deflated before the render ends.
 */
function deflateInBackground(raw: Buffer, options: ZlibOptions): Promise<Buffer> {
  // A deflated piece is at most its length plus 5 bytes per 16 KiB stored block and a few more (RFC 1951, section 3.2.4).
  const chunkSize = Math.max(constants.Z_DEFAULT_CHUNK, raw.length + (raw.length >> 10) + 1024);
  return new Promise((resolve, reject) => deflateRaw(raw, { ...options, chunkSize }, (error, data) => (error ? reject(error) : resolve(data))));
}

export class ZipPackage {
  /** The parts in package order; null while a part written in the background is still being deflated. */
  private readonly entries = new Map<string, Entry | null>();
  private readonly stamp = dosDateTime(new Date());
  /** Parts still being deflated in the background, each settling (never rejecting) once its last piece is done. */
  private readonly deflating = new Set<Promise<void>>();
  /** The first error of a background deflate, thrown by settled(). */
  private failure: Error | undefined;

  /** Adds or replaces a part; replacing keeps its place in the package. */
  file(name: string, content: string | Buffer): this {
    const raw = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    if (raw.length >= ZIP32_LIMIT) throw new ZipPackageTooLargeError(`The part ${name} would be ${raw.length.toLocaleString("en-US")} bytes, over the 4 GiB an .xlsx part can hold here.`);
    this.entries.set(name, entryOf([deflateRawSync(raw, { level: LEVEL })], crc32(raw), raw.length, { crc: 0, size: 0 }));
    return this;
  }

  /**
   * Adds a part written in pieces, so that only a mebibyte of its uncompressed content is held
   * at a time. Each piece is deflated on its own and ended with a sync flush (an empty stored
   * block, RFC 1951 section 3.2.4, that leaves the stream byte-aligned and not final), so the
   * pieces join into one deflate stream whose last block, from the last piece, is final.
   */
  stream(name: string, options: StreamOptions = {}): PartWriter {
    const deflated: Buffer[] = [];
    const background: Promise<void>[] = [];
    let failed: Error | undefined;
    let running = 0;
    let wake: (() => void) | undefined;
    const settle = () => {
      running--;
      if (running < IN_FLIGHT && wake) {
        const woken = wake;
        wake = undefined;
        woken();
      }
    };
    let last = { crc: 0, size: 0 };
    let crc = 0;
    let size = 0;
    // The piece being gathered, already UTF-8: each text is encoded into it as it comes, instead
    // of being kept and joined with the others into one string that is then encoded (a sheet's
    // rows come as tens of thousands of short strings per piece).
    let piece: Buffer = Buffer.allocUnsafe(PIECE_BUFFER);
    /** Buffers of pieces deflated in the background, free again. */
    const spare: Buffer[] = [];
    let used = 0;
    const deflatePiece = (final: boolean) => {
      const raw = piece.subarray(0, used);
      used = 0;
      last = { crc, size };
      size += raw.length;
      if (size >= ZIP32_LIMIT) throw new ZipPackageTooLargeError(`The part ${name} would be over the 4 GiB an .xlsx part can hold here.`);
      crc = crc32(raw, crc);
      const zlibOptions = { level: LEVEL, finishFlush: final ? constants.Z_FINISH : constants.Z_SYNC_FLUSH };
      if (options.inBackground) {
        // The piece's buffer is zlib's until it is done: the next piece gets another, of the same
        // length (where pieces are cut depends on it), and this one is used again once done.
        const lent = piece;
        piece = (piece.length === PIECE_BUFFER && spare.pop()) || Buffer.allocUnsafe(piece.length);
        const index = deflated.push(EMPTY) - 1;
        running++;
        background.push(
          deflateInBackground(raw, zlibOptions)
            .then(
              // The deflated bytes are a slice of an output buffer sized for the whole piece: copied, so the rest is freed.
              (data) => void (deflated[index] = Buffer.from(data)),
              // Kept until end(), so that no failure goes unhandled while the part is still being written.
              (error: Error) => void (failed ??= error),
            )
            .finally(() => {
              if (lent.length === PIECE_BUFFER) spare.push(lent);
              settle();
            }),
        );
        return;
      }
      deflated.push(deflateRawSync(raw, zlibOptions));
    };
    // The package order is that of end(): a part deflated in the background holds its place until it is done.
    const add = () => this.entries.set(name, entryOf(deflated, crc, size, last));
    return {
      get busy() {
        return running >= IN_FLIGHT;
      },
      ready: () => (running < IN_FLIGHT ? Promise.resolve() : new Promise<void>((resolve) => (wake = resolve))),
      write: (text) => {
        // A full piece is deflated when the next text comes, so the last text is always in the
        // last piece (the end a chart is added to). A UTF-16 code unit is at most 3 bytes of
        // UTF-8: a text that might not fit goes to the next piece.
        if (used >= PIECE_BYTES || used + text.length * 3 > piece.length) {
          if (used > 0) deflatePiece(false);
          if (text.length * 3 > piece.length) piece = Buffer.allocUnsafe(text.length * 3);
        }
        used += piece.write(text, used, "utf8");
      },
      end: () => {
        deflatePiece(true);
        if (!options.inBackground) {
          add();
          return;
        }
        this.entries.set(name, null);
        const done: Promise<void> = Promise.all(background).then(() => {
          this.deflating.delete(done);
          if (failed) {
            this.entries.delete(name);
            this.failure ??= new Error(`Could not compress the part ${name} of the workbook: ${failed.message}`);
            return;
          }
          add();
        });
        this.deflating.add(done);
      },
    };
  }

  /**
   * Resolves once every part written in the background is deflated and in the package, and
   * rejects with the first error any of them met (the package is then not to be written).
   */
  async settled(): Promise<void> {
    while (this.deflating.size > 0) await Promise.all(this.deflating);
    if (this.failure) throw this.failure;
  }

  /** The part `name` once deflated; undefined if there is none. */
  private entry(name: string): Entry | undefined {
    const entry = this.entries.get(name);
    if (entry === null) throw new Error(`The part ${name} is still being compressed: wait for settled() first.`);
    return entry;
  }

  /** The part `name`, or null; its content is inflated when asked for. */
  part(name: string): PackagePart | null {
    const entry = this.entry(name);
    if (!entry) return null;
    const bytes = () => inflateRawSync(Buffer.concat(entry.data));
    return {
      async: (async (type: "string" | "nodebuffer") => (type === "string" ? bytes().toString("utf8") : bytes())) as PackagePart["async"],
    };
  }

  /**
   * The start and the last piece of the part `name`, or null. Only those are inflated: the
   * charts add one element near the end of a worksheet that may be hundreds of megabytes long.
   */
  end(name: string): PartEnd | null {
    const entry = this.entry(name);
    if (!entry) return null;
    // The first piece ends with a sync flush (or is the whole part): inflated on its own, it gives its text.
    const head = inflateRawSync(entry.data[0], { finishFlush: constants.Z_SYNC_FLUSH }).toString("utf8");
    const tail = inflateRawSync(entry.data[entry.data.length - 1]).toString("utf8");
    return {
      head,
      tail,
      replaceTail: (text) => {
        const raw = Buffer.from(text, "utf8");
        const size = entry.last.size + raw.length;
        if (size >= ZIP32_LIMIT) throw new ZipPackageTooLargeError(`The part ${name} would be over the 4 GiB an .xlsx part can hold here.`);
        const data = [...entry.data.slice(0, -1), deflateRawSync(raw, { level: LEVEL })];
        this.entries.set(name, entryOf(data, crc32(raw, entry.last.crc), size, entry.last));
      },
    };
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.chunks());
  }

  /**
   * The package's bytes as the buffers they are kept in, headers and pieces in file order, to
   * be written one after the other: no buffer of the whole package is made (at 100,000 rows it
   * is some 90 MB, on top of the pieces it would be copied from).
   */
  chunks(): Buffer[] {
    if (this.entries.size > ENTRIES_LIMIT) throw new ZipPackageTooLargeError(`The workbook would hold ${this.entries.size.toLocaleString("en-US")} parts, over the 65,535 an .xlsx package can hold here.`);
    const chunks: Buffer[] = [];
    const central: Buffer[] = [];
    let offset = 0;
    for (const name of this.entries.keys()) {
      const entry = this.entry(name)!;
      const nameBytes = Buffer.from(name, "utf8");
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(VERSION, 4);
      local.writeUInt16LE(UTF8_NAMES, 6);
      local.writeUInt16LE(DEFLATED, 8);
      local.writeUInt16LE(this.stamp.time, 10);
      local.writeUInt16LE(this.stamp.date, 12);
      local.writeUInt32LE(entry.crc, 14);
      local.writeUInt32LE(entry.length, 18);
      local.writeUInt32LE(entry.size, 22);
      local.writeUInt16LE(nameBytes.length, 26);
      local.writeUInt16LE(0, 28);
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE(VERSION, 4);
      header.writeUInt16LE(VERSION, 6);
      local.copy(header, 8, 6, 28);
      // Extra field, comment, disk number, internal and external attributes: all zero.
      header.writeUInt32LE(offset, 42);
      central.push(header, nameBytes);
      chunks.push(local, nameBytes, ...entry.data);
      offset += local.length + nameBytes.length + entry.length;
      if (offset >= ZIP32_LIMIT) throw new ZipPackageTooLargeError("The workbook would be 4 GiB or more, over what an .xlsx package can hold here.");
    }
    const directory = Buffer.concat(central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.size, 8);
    end.writeUInt16LE(this.entries.size, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    chunks.push(directory, end);
    return chunks;
  }
}
