/** Body parsing for the fake Bot API: JSON, urlencoded, and grammY's multipart/form-data. */

/** A file part of a multipart request. */
export interface FilePart {
  filename: string;
  data: Buffer;
}

/** A param that may hold JSON (reply_markup in multipart requests). */
export function jsonParam(v: unknown): unknown {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}

/** Parses a JSON or multipart/form-data body (grammY's format) into params and file parts. */
export function parseBody(contentType: string, body: Buffer): { params: Record<string, unknown>; parts: Map<string, FilePart> } {
  const parts = new Map<string, FilePart>();
  if (contentType.startsWith("multipart/form-data")) {
    const boundary = /boundary=([^;]+)/.exec(contentType)?.[1];
    const params: Record<string, unknown> = {};
    if (!boundary) return { params, parts };
    const delimiter = Buffer.from(`--${boundary}`);
    let pos = body.indexOf(delimiter);
    while (pos !== -1) {
      let start = pos + delimiter.length;
      if (body.subarray(start, start + 2).toString() === "--") break;
      start += 2; // \r\n
      const next = body.indexOf(delimiter, start);
      if (next === -1) break;
      const part = body.subarray(start, next - 2); // strip the \r\n before the delimiter
      const headerEnd = part.indexOf("\r\n\r\n");
      const headers = part.subarray(0, headerEnd).toString("utf8");
      const data = part.subarray(headerEnd + 4);
      const name = /name="([^"]*)"/.exec(headers)?.[1] ?? "";
      const filename = /filename="?([^";\r\n]*)"?/.exec(headers)?.[1];
      if (filename !== undefined) parts.set(name, { filename, data: Buffer.from(data) });
      else params[name] = jsonParam(data.toString("utf8"));
      pos = next;
    }
    return { params, parts };
  }
  if (body.length === 0) return { params: {}, parts };
  if (contentType.includes("application/json")) return { params: JSON.parse(body.toString("utf8")) as Record<string, unknown>, parts };
  return { params: Object.fromEntries(new URLSearchParams(body.toString("utf8"))), parts };
}
