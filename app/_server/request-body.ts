import { z } from "zod";
import { badRequest, payloadTooLarge, unsupportedMediaType } from "./errors.ts";

/**
 * Reads a JSON body of at most `maxBytes` and validates it. Oversized bodies are refused
 * while streaming (a missing or false Content-Length does not get around the cap); invalid
 * UTF-8, invalid JSON and schema violations are 400s that say what is wrong.
 */
export async function readJsonBody<T extends z.ZodType>(request: Request, schema: T, maxBytes: number): Promise<z.infer<T>> {
  // JSON only: a cross-site form cannot send this content type without a CORS preflight.
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw unsupportedMediaType();
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) throw payloadTooLarge(`The request body is ${declared} bytes; the limit is ${maxBytes} bytes.`);
  if (!request.body) throw badRequest("The request has no body; send JSON.");
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      throw payloadTooLarge(`The request body is over the limit of ${maxBytes} bytes.`);
    }
    chunks.push(value);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw badRequest("The request body is not valid UTF-8.");
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw badRequest("The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw badRequest(`Invalid request: ${parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ")}`);
  }
  return parsed.data;
}
