// The counting fake of the Excel API (test/integration/fakes/fakeExcel.ts), also measuring
// each request's payload in UTF-8 bytes, the size that crosses the wire: the fake itself
// counts JavaScript string length, which undercounts Arabic, CJK and emoji 2 to 4 times.
import { FakeExcel, type RequestStats } from "../integration/fakes/fakeExcel";

export type MeasuredRequest = RequestStats & { utf8?: number };

export class MeasuredExcel extends FakeExcel {
  override record(value: unknown, valueCells: number, formulas: number): void {
    super.record(value, valueCells, formulas);
    const current = this.current as MeasuredRequest;
    current.utf8 = (current.utf8 ?? 0) + Buffer.byteLength(JSON.stringify(value) ?? "", "utf8");
  }

  measured(): MeasuredRequest[] {
    return this.requests as MeasuredRequest[];
  }

  /** The largest request so far, in whichever count is larger. */
  largestRequest(): number {
    return Math.max(0, ...this.measured().map((r) => Math.max(r.bytes, r.utf8 ?? 0)));
  }
}
