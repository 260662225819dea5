/** A file name safe on every system (keeps Chinese), at most 80 characters; "目录" for nothing usable. */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, "_").replace(/^\.+/, "").slice(0, 80) || "目录";
}
