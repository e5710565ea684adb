/**
 * A memory snapshot without its zero pages. About half of the interpreter's 30 MiB heap is
 * zero, and a fresh interpreter's memory is zero from its start-up break on, so a restore
 * needs to copy (and the isolate to hold) only the pages that are not: half the bytes copied
 * into each isolate, half the pages its memory touches.
 */

/** Granularity of the zero test: the operating system's page, so untouched pages stay untouched. */
export const SNAPSHOT_PAGE_BYTES = 4096;

/** Pyodide's snapshot format: a header (magic number, build id, its own JSON) and then the heap, from byte `u32[1]` on. */
const PYODIDE_SNAPSHOT_MAGIC = 1886286592;

export interface PackedSnapshot {
  /** Pyodide's header, as Pyodide checks and reads it (the snapshot minus its heap). */
  readonly header: ArrayBuffer;
  /** The non-zero pages of the heap, one stretch after another. */
  readonly pages: ArrayBuffer;
  /** Pairs (offset in the heap, length) of each stretch of non-zero pages, in order. */
  readonly runs: Uint32Array<ArrayBuffer>;
  /** Length of the heap in the snapshot. */
  readonly heapBytes: number;
}

export function packSnapshot(snapshot: ArrayBuffer): PackedSnapshot {
  const words = new Uint32Array(snapshot, 0, Math.floor(Math.min(snapshot.byteLength, 16) / 4));
  const heapStart = words[1] ?? 0;
  if (words[0] !== PYODIDE_SNAPSHOT_MAGIC || heapStart <= 0 || heapStart > snapshot.byteLength || heapStart % 8 !== 0) throw new Error("not a Pyodide memory snapshot");
  const heap = new Uint8Array(snapshot, heapStart);
  const runs: number[] = [];
  let kept = 0;
  let runStart = -1;
  for (let page = 0; page < heap.length; page += SNAPSHOT_PAGE_BYTES) {
    const end = Math.min(heap.length, page + SNAPSHOT_PAGE_BYTES);
    const zero = isZero(heap, page, end);
    if (!zero && runStart < 0) runStart = page;
    if (zero && runStart >= 0) {
      runs.push(runStart, page - runStart);
      kept += page - runStart;
      runStart = -1;
    }
  }
  if (runStart >= 0) {
    runs.push(runStart, heap.length - runStart);
    kept += heap.length - runStart;
  }
  const pages = new Uint8Array(kept);
  let at = 0;
  for (let i = 0; i < runs.length; i += 2) {
    pages.set(heap.subarray(runs[i]!, runs[i]! + runs[i + 1]!), at);
    at += runs[i + 1]!;
  }
  return { header: snapshot.slice(0, heapStart), pages: pages.buffer, runs: Uint32Array.from(runs), heapBytes: heap.length };
}

function isZero(bytes: Uint8Array, start: number, end: number): boolean {
  // Eight bytes at a time where aligned (pages are, within an 8-aligned heap).
  if ((bytes.byteOffset + start) % 8 === 0 && (end - start) % 8 === 0) {
    const words = new BigUint64Array(bytes.buffer, bytes.byteOffset + start, (end - start) / 8);
    for (let i = 0; i < words.length; i++) if (words[i] !== 0n) return false;
    return true;
  }
  for (let i = start; i < end; i++) if (bytes[i] !== 0) return false;
  return true;
}

/**
 * Writes a packed heap into an interpreter's memory: the non-zero pages where they belong,
 * zeros where the snapshot is zero and the memory may not be (below `dirtyBytes`, the
 * interpreter's break when it was started: nothing above it has been written since its memory
 * was created, zeroed). Runs inside the isolate (its source is passed to the guest), so it
 * must not refer to anything outside its own body.
 */
export function restoreHeap(memory: Uint8Array, pages: Uint8Array, runs: Uint32Array, heapBytes: number, dirtyBytes: number): void {
  if (heapBytes > memory.length) throw new RangeError("the snapshot's heap is larger than the interpreter's memory");
  let at = 0;
  let read = 0;
  for (let i = 0; i + 1 < runs.length; i += 2) {
    const start = runs[i]!;
    const length = runs[i + 1]!;
    const zeroEnd = Math.min(start, dirtyBytes);
    if (zeroEnd > at) memory.fill(0, at, zeroEnd);
    memory.set(pages.subarray(read, read + length), start);
    read += length;
    at = start + length;
  }
  const tailEnd = Math.min(heapBytes, dirtyBytes);
  if (tailEnd > at) memory.fill(0, at, tailEnd);
}
