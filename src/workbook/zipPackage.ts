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
import { constants, crc32, deflateRawSync, inflateRawSync } from "zlib";

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

interface Entry {
  readonly data: Buffer;
  readonly crc: number;
  readonly size: number;
  /** Where the last deflated piece starts in `data`, and the CRC and size of what comes before it (all 0 for a part deflated whole). */
  readonly last: { readonly at: number; readonly crc: number; readonly size: number };
  /** Where the first deflated piece ends in `data`. */
  readonly firstEnd: number;
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

/** A part being written in pieces (PackagePart.stream). */
export interface PartWriter {
  write(text: string): void;
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

export class ZipPackage {
  private readonly entries = new Map<string, Entry>();
  private readonly stamp = dosDateTime(new Date());

  /** Adds or replaces a part; replacing keeps its place in the package. */
  file(name: string, content: string | Buffer): this {
    const raw = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    if (raw.length >= ZIP32_LIMIT) throw new ZipPackageTooLargeError(`The part ${name} would be ${raw.length.toLocaleString("en-US")} bytes, over the 4 GiB an .xlsx part can hold here.`);
    const data = deflateRawSync(raw, { level: LEVEL });
    this.entries.set(name, { data, crc: crc32(raw), size: raw.length, last: { at: 0, crc: 0, size: 0 }, firstEnd: data.length });
    return this;
  }

  /**
   * Adds a part written in pieces, so that only a mebibyte of its uncompressed content is held
   * at a time. Each piece is deflated on its own and ended with a sync flush (an empty stored
   * block, RFC 1951 section 3.2.4, that leaves the stream byte-aligned and not final), so the
   * pieces join into one deflate stream whose last block, from the last piece, is final.
   */
  stream(name: string): PartWriter {
    const deflated: Buffer[] = [];
    let last = { at: 0, crc: 0, size: 0 };
    let at = 0;
    let crc = 0;
    let size = 0;
    // The piece being gathered, already UTF-8: each text is encoded into it as it comes, instead
    // of being kept and joined with the others into one string that is then encoded (a sheet's
    // rows come as tens of thousands of short strings per piece).
    let piece = Buffer.allocUnsafe(PIECE_BYTES + PIECE_SLACK);
    let used = 0;
    const deflatePiece = (final: boolean) => {
      const raw = piece.subarray(0, used);
      used = 0;
      last = { at, crc, size };
      size += raw.length;
      if (size >= ZIP32_LIMIT) throw new ZipPackageTooLargeError(`The part ${name} would be over the 4 GiB an .xlsx part can hold here.`);
      crc = crc32(raw, crc);
      deflated.push(deflateRawSync(raw, { level: LEVEL, finishFlush: final ? constants.Z_FINISH : constants.Z_SYNC_FLUSH }));
      at += deflated[deflated.length - 1].length;
    };
    return {
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
        this.entries.set(name, { data: Buffer.concat(deflated), crc, size, last, firstEnd: deflated[0].length });
      },
    };
  }

  /** The part `name`, or null; its content is inflated when asked for. */
  part(name: string): PackagePart | null {
    const entry = this.entries.get(name);
    if (!entry) return null;
    const bytes = () => inflateRawSync(entry.data);
    return {
      async: (async (type: "string" | "nodebuffer") => (type === "string" ? bytes().toString("utf8") : bytes())) as PackagePart["async"],
    };
  }

  /**
   * The start and the last piece of the part `name`, or null. Only those are inflated: the
   * charts add one element near the end of a worksheet that may be hundreds of megabytes long.
   */
  end(name: string): PartEnd | null {
    const entry = this.entries.get(name);
    if (!entry) return null;
    // The first piece ends with a sync flush (or is the whole part): inflated on its own, it gives its text.
    const head = inflateRawSync(entry.data.subarray(0, entry.firstEnd), { finishFlush: constants.Z_SYNC_FLUSH }).toString("utf8");
    const tail = inflateRawSync(entry.data.subarray(entry.last.at)).toString("utf8");
    return {
      head,
      tail,
      replaceTail: (text) => {
        const raw = Buffer.from(text, "utf8");
        const size = entry.last.size + raw.length;
        if (size >= ZIP32_LIMIT) throw new ZipPackageTooLargeError(`The part ${name} would be over the 4 GiB an .xlsx part can hold here.`);
        const data = Buffer.concat([entry.data.subarray(0, entry.last.at), deflateRawSync(raw, { level: LEVEL })]);
        const firstEnd = entry.last.at === 0 ? data.length : entry.firstEnd;
        this.entries.set(name, { data, crc: crc32(raw, entry.last.crc), size, last: entry.last, firstEnd });
      },
    };
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  toBuffer(): Buffer {
    if (this.entries.size > ENTRIES_LIMIT) throw new ZipPackageTooLargeError(`The workbook would hold ${this.entries.size.toLocaleString("en-US")} parts, over the 65,535 an .xlsx package can hold here.`);
    const chunks: Buffer[] = [];
    const central: Buffer[] = [];
    let offset = 0;
    for (const [name, entry] of this.entries) {
      const nameBytes = Buffer.from(name, "utf8");
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(VERSION, 4);
      local.writeUInt16LE(UTF8_NAMES, 6);
      local.writeUInt16LE(DEFLATED, 8);
      local.writeUInt16LE(this.stamp.time, 10);
      local.writeUInt16LE(this.stamp.date, 12);
      local.writeUInt32LE(entry.crc, 14);
      local.writeUInt32LE(entry.data.length, 18);
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
      chunks.push(local, nameBytes, entry.data);
      offset += local.length + nameBytes.length + entry.data.length;
      if (offset >= ZIP32_LIMIT) throw new ZipPackageTooLargeError("The workbook would be 4 GiB or more, over what an .xlsx package can hold here.");
    }
    const directory = Buffer.concat(central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.size, 8);
    end.writeUInt16LE(this.entries.size, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    return Buffer.concat([...chunks, directory, end]);
  }
}
