import { describe, expect, it } from "vitest";
import { LlmTimeoutError, llmBudget, withLlmTimeout } from "../../src/llm/call.js";

describe("withLlmTimeout", () => {
  it("returns the call's result and hands it a live signal", async () => {
    let seen: AbortSignal | undefined;
    const v = await withLlmTimeout(async (signal) => {
      seen = signal;
      return 42;
    }, { timeoutMs: 1000 });
    expect(v).toBe(42);
    expect(seen?.aborted).toBe(false);
  });

  it("rejects at the timeout even when the call ignores its signal, and aborts the signal", async () => {
    let seen: AbortSignal | undefined;
    const never = withLlmTimeout((signal) => {
      seen = signal;
      return new Promise<never>(() => {});
    }, { timeoutMs: 30 });
    await expect(never).rejects.toBeInstanceOf(LlmTimeoutError);
    expect(seen?.aborted).toBe(true);
  });

  it("rejects as soon as the caller aborts, and at once when already aborted", async () => {
    const caller = new AbortController();
    const p = withLlmTimeout(() => new Promise<never>(() => {}), { timeoutMs: 60_000, signal: caller.signal });
    caller.abort();
    await expect(p).rejects.toMatchObject({ name: "LlmTimeoutError", aborted: true });
    let called = false;
    const q = withLlmTimeout(async () => (called = true), { timeoutMs: 1000, signal: caller.signal });
    await expect(q).rejects.toMatchObject({ aborted: true });
    expect(called).toBe(false);
  });

  it("does not start a call with no time left", async () => {
    let called = false;
    await expect(withLlmTimeout(async () => (called = true), { timeoutMs: 0 })).rejects.toBeInstanceOf(LlmTimeoutError);
    expect(called).toBe(false);
  });

  it("passes the call's own error through", async () => {
    await expect(withLlmTimeout(async () => Promise.reject(new Error("500")), { timeoutMs: 1000 })).rejects.toThrow("500");
  });
});

describe("llmBudget", () => {
  it("hands out shares of the whole budget, never more than is left", () => {
    let now = 1000;
    const b = llmBudget(1000, () => now);
    expect(b.slice(0.25)).toBe(250);
    now += 900;
    expect(b.left()).toBe(100);
    expect(b.slice(0.25)).toBe(100);
    now += 500;
    expect(b.left()).toBe(0);
    expect(b.slice(0.5)).toBe(0);
  });
});
