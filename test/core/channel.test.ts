import { describe, expect, it } from "vitest";
import { platformMessagesFor, type RunningChannel } from "../../src/core/channel.js";
import { WECOM_CAPABILITIES } from "../../src/channels/wecom/facts.js";

describe("platformMessagesFor", () => {
  const wecom: RunningChannel = { name: "wecom", capabilities: WECOM_CAPABILITIES, owns: (c) => c.startsWith("wecom:"), outbox: async () => undefined, stop: async () => undefined };

  it("counts the platform messages replies make on the chat's channel: split texts and files", () => {
    expect(platformMessagesFor([wecom], "wecom:group:g", [{ text: "提醒" }])).toBe(1);
    const long = Array.from({ length: 3000 }, (_, i) => `${i + 1}. 县人民政府办公室政务公开事项`).join("\n");
    expect(platformMessagesFor([wecom], "wecom:group:g", [{ text: long }])).toBeGreaterThan(1);
    expect(platformMessagesFor([wecom], "wecom:group:g", [{ text: "台账", files: [{ name: "a.xlsx", data: Buffer.from("x") }] }])).toBe(2);
    expect(platformMessagesFor([wecom], "-100", [{ text: long }])).toBe(1); // no running channel owns it
  });
});
