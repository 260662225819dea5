import http from "node:http";
import type { AddressInfo } from "node:net";

/** What the fake returns for one chat completion request. */
export type FakeChatResponse =
  | { content: string; delayMs?: number }
  | { toolCall: { name: string; arguments: unknown }; delayMs?: number }
  | { status: number; body: string; delayMs?: number }
  | { hang: true };

export interface ChatRequestBody {
  model: string;
  messages: { role: string; content: unknown }[];
  tools?: { function: { name: string } }[];
  [key: string]: unknown;
}

export interface FakeOpenAI {
  /** Base URL to put in LLM_BASE_URL, ending in /v1. */
  baseUrl: string;
  /** Root URL for LLM_PROVIDER=ollama (the same server also speaks Ollama's /api/chat). */
  ollamaUrl: string;
  /** Every chat request received, in order. */
  requests: ChatRequestBody[];
  /** Replace how chat completions are answered. */
  onChat(handler: (body: ChatRequestBody) => FakeChatResponse): void;
  close(): Promise<void>;
}

/**
 * Starts a minimal OpenAI-compatible server on 127.0.0.1 (a random port) that answers
 * /v1/chat/completions (plain or tool-call answers, errors, delays, hangs) and /v1/embeddings.
 */
export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  let handler: (body: ChatRequestBody) => FakeChatResponse = () => ({ content: "好的。" });
  const requests: ChatRequestBody[] = [];
  const sockets = new Set<import("node:net").Socket>();
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString("utf8")));
    req.on("end", () => {
      const body = (raw ? JSON.parse(raw) : {}) as ChatRequestBody;
      if (req.url?.endsWith("/embeddings")) {
        const inputs = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
        const data = inputs.map((text, index) => ({ object: "embedding", index, embedding: pseudoVector(text) }));
        return send(res, 200, { object: "list", data, model: body.model, usage: { prompt_tokens: 0, total_tokens: 0 } });
      }
      if (req.url === "/api/chat") return ollamaChat(body, requests, handler, res);
      if (!req.url?.endsWith("/chat/completions")) return send(res, 404, { error: { message: "not found" } });
      requests.push(body);
      const answer = handler(body);
      if ("hang" in answer) return; // never answers: the client must time out
      setTimeout(() => {
        if ("status" in answer) {
          res.writeHead(answer.status, { "content-type": "application/json" });
          res.end(answer.body);
          return;
        }
        const message =
          "toolCall" in answer
            ? {
                role: "assistant",
                content: null,
                tool_calls: [
                  {
                    id: "call_1",
                    type: "function",
                    function: { name: answer.toolCall.name, arguments: JSON.stringify(answer.toolCall.arguments) },
                  },
                ],
              }
            : { role: "assistant", content: answer.content };
        send(res, 200, {
          id: "chatcmpl-fake",
          object: "chat.completion",
          created: Math.floor(Date.now() / 1000),
          model: body.model,
          choices: [{ index: 0, message, finish_reason: "toolCall" in answer ? "tool_calls" : "stop" }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        });
      }, answer.delayMs ?? 0);
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    ollamaUrl: `http://127.0.0.1:${port}`,
    requests,
    onChat(h) {
      handler = h;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Ollama's /api/chat: newline-delimited JSON chunks, the last one with done: true. */
function ollamaChat(
  body: ChatRequestBody,
  requests: ChatRequestBody[],
  handler: (body: ChatRequestBody) => FakeChatResponse,
  res: http.ServerResponse,
): void {
  requests.push(body);
  const answer = handler(body);
  if ("hang" in answer) return;
  setTimeout(() => {
    if ("status" in answer) {
      res.writeHead(answer.status, { "content-type": "application/json" });
      res.end(answer.body);
      return;
    }
    const content = "content" in answer ? answer.content : JSON.stringify(answer.toolCall.arguments);
    const at = new Date().toISOString();
    res.writeHead(200, { "content-type": "application/x-ndjson" });
    res.write(`${JSON.stringify({ model: body.model, created_at: at, message: { role: "assistant", content }, done: false })}\n`);
    res.end(
      `${JSON.stringify({ model: body.model, created_at: at, message: { role: "assistant", content: "" }, done: true, done_reason: "stop", prompt_eval_count: 1, eval_count: 1 })}\n`,
    );
  }, answer.delayMs ?? 0);
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function pseudoVector(text: string): number[] {
  const v = new Array<number>(16).fill(0);
  for (const ch of text) v[ch.codePointAt(0)! % 16]! += 1;
  const n = Math.hypot(...v) || 1;
  return v.map((x) => x / n);
}

/** Which of the application's prompts a chat request was made with, told by the prompt's wording. */
export function stepOf(body: ChatRequestBody): "rewrite" | "rerank" | "answer" | "suggest" | "other" {
  const system = String(body.messages[0]?.content ?? "");
  if (system.includes("问题改写模块")) return "rewrite";
  if (system.includes("检索排序模块")) return "rerank";
  if (system.includes("问题起草模块")) return "suggest";
  if (system.includes("请只依据下面编号的文件片段回答")) return "answer";
  return "other";
}

/** The user message of a chat request (the question, for the Q&A steps). */
export function userOf(body: ChatRequestBody): string {
  return String(body.messages.find((m) => m.role === "user")?.content ?? "");
}
