/**
 * Decodes the sandbox's wire format (see sandbox/harness.ts `encode`) into plain values:
 * special numbers become real NaN/±Infinity/-0, objects become null-prototype records, and
 * values that cannot be results become `Unrepresentable` markers. Never throws on odd input.
 */

import { Unrepresentable, type Decoded } from "../../exercises/spec/values.ts";

const SPECIAL_NUMBERS: Record<string, number> = { NaN: Number.NaN, Infinity: Infinity, "-Infinity": -Infinity, "-0": -0 };

export function decodeWire(value: unknown): Decoded {
  if (value === null || typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.map(decodeWire);
  if (typeof value === "object") {
    const tagged = value as Record<string, unknown>;
    if (typeof tagged.$n === "string" && tagged.$n in SPECIAL_NUMBERS) return SPECIAL_NUMBERS[tagged.$n]!;
    if (typeof tagged.$t === "string") return new Unrepresentable(tagged.$t);
    if (typeof tagged.$o === "object" && tagged.$o !== null) {
      const record: Record<string, Decoded> = Object.create(null) as Record<string, Decoded>;
      for (const [key, field] of Object.entries(tagged.$o as Record<string, unknown>)) record[key] = decodeWire(field);
      return record;
    }
  }
  return new Unrepresentable("unknown");
}
