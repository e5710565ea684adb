/** Snapshots packed without their zero pages, and written back into an interpreter's memory. */
import { describe, expect, it } from "vitest";
import { SNAPSHOT_PAGE_BYTES, packSnapshot, restoreHeap } from "../../../grader/sandbox/python/snapshot-pages.ts";

const MAGIC = 1886286592;
const HEADER_BYTES = 48;

/** A snapshot in Pyodide's format whose heap is `heap`. */
function snapshotOf(heap: Uint8Array): ArrayBuffer {
  const bytes = new Uint8Array(HEADER_BYTES + heap.length);
  const words = new Uint32Array(bytes.buffer, 0, 4);
  words[0] = MAGIC;
  words[1] = HEADER_BYTES;
  words[2] = 5;
  bytes.set([1, 2, 3, 4, 5], 16);
  bytes.set(heap, HEADER_BYTES);
  return bytes.buffer;
}

/** A heap of `pages` pages (the last one short) where only the listed pages hold data. */
function heapWith(pages: number, filled: readonly number[]): Uint8Array {
  const heap = new Uint8Array(pages * SNAPSHOT_PAGE_BYTES - 100);
  for (const page of filled) for (let i = page * SNAPSHOT_PAGE_BYTES; i < Math.min(heap.length, (page + 1) * SNAPSHOT_PAGE_BYTES); i += 7) heap[i] = (i % 251) + 1;
  return heap;
}

describe("a packed snapshot", () => {
  it("keeps Pyodide's header and only the heap's non-zero pages", () => {
    const heap = heapWith(10, [0, 1, 4, 9]);
    const packed = packSnapshot(snapshotOf(heap));
    expect(new Uint8Array(packed.header)).toEqual(new Uint8Array(snapshotOf(heap), 0, HEADER_BYTES));
    expect(packed.heapBytes).toBe(heap.length);
    expect([...packed.runs]).toEqual([0, 2 * SNAPSHOT_PAGE_BYTES, 4 * SNAPSHOT_PAGE_BYTES, SNAPSHOT_PAGE_BYTES, 9 * SNAPSHOT_PAGE_BYTES, heap.length - 9 * SNAPSHOT_PAGE_BYTES]);
    expect(packed.pages.byteLength).toBe(3 * SNAPSHOT_PAGE_BYTES + heap.length - 9 * SNAPSHOT_PAGE_BYTES);
  });

  it("restores the heap byte for byte over memory that holds other data below the start-up break", () => {
    const heap = heapWith(12, [1, 2, 5, 6, 7, 11]);
    const packed = packSnapshot(snapshotOf(heap));
    const memory = new Uint8Array(16 * SNAPSHOT_PAGE_BYTES);
    // What a fresh interpreter's start-up wrote (its data, stack, first allocations): below the break.
    const dirtyBytes = 8 * SNAPSHOT_PAGE_BYTES + 123;
    for (let i = 0; i < dirtyBytes; i++) memory[i] = 255 - (i % 13);
    restoreHeap(memory, new Uint8Array(packed.pages), packed.runs, packed.heapBytes, dirtyBytes);
    expect(memory.subarray(0, heap.length)).toEqual(heap);
    expect(memory.subarray(heap.length).every((byte) => byte === 0)).toBe(true);
  });

  it("refuses a heap larger than the interpreter's memory, and a file that is not a Pyodide snapshot", () => {
    const packed = packSnapshot(snapshotOf(heapWith(4, [0])));
    expect(() => restoreHeap(new Uint8Array(2 * SNAPSHOT_PAGE_BYTES), new Uint8Array(packed.pages), packed.runs, packed.heapBytes, 0)).toThrow(RangeError);
    expect(() => packSnapshot(new Uint8Array(4096).fill(7).buffer)).toThrow(/not a Pyodide memory snapshot/);
  });
});
