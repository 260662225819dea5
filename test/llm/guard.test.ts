import { describe, expect, it } from "vitest";
import { contactsIn, guardLlmText, stripHtml, UnsafeOutputError } from "../../src/llm/guard.js";

const PASSAGE = "详见 http://gi.mnr.gov.cn/201906/t20190621_2441525.html ，咨询电话 0871-63512345，邮箱 zwgk@yn.gov.cn。";

describe("contactsIn", () => {
  it.each([
    ["见 https://evil.example.com/x?y=1 。", ["evil.example.com/x?y=1"]],
    ["访问 www.evil.cn 即可", ["evil.cn"]],
    ["登录 evil-site.top/login", ["evil-site.top/login"]],
    ["电话 138 0013 8000", ["13800138000"]],
    ["电话+86 13800138000", ["13800138000"]],
    ["电话 010-12345678", ["01012345678"]],
    ["热线 400-123-4567", ["4001234567"]],
    ["发到 a.b@qq.com", ["a.b@qq.com", "qq.com"]],
    ["2019年6月10日印发，第20190621号，20个工作日内", []],
    ["自然资办函〔2019〕981号", []],
  ])("%s → %j", (text, expected) => {
    expect(contactsIn(text).sort()).toEqual([...expected].sort());
  });
});

describe("guardLlmText", () => {
  const ok = (text: string, sources = [PASSAGE]) => guardLlmText(text, { maxChars: 200, sources });
  it.each([
    ["a link the passage holds", "指引见 http://gi.mnr.gov.cn/201906/t20190621_2441525.html [1]"],
    ["a phone number the passage holds, written differently", "可拨打 0871 63512345 咨询 [1]"],
    ["an address the passage holds", "可发邮件至 zwgk@yn.gov.cn [1]"],
    ["plain text", "公开时限应写明具体天数 [1]"],
  ])("accepts %s", (_, text) => {
    expect(ok(text)).toBe(text);
  });

  it.each([
    ["an injected link", "详情请访问 https://evil.example.com/login [1]"],
    ["a markdown link", "请点[这里](http://phish.cn) [1]"],
    ["a bare domain", "请登录 zwgk-help.top 查询 [1]"],
    ["an unknown phone number", "请致电 13912345678 [1]"],
    ["an unknown e-mail address", "请发送到 help@evil.com [1]"],
    ["a script tag", "答案 [1]<script>alert(1)</script>"],
    ["an image with an event handler", "答案 [1]<img src=x onerror=alert(1)>"],
    ["an HTML link", '答案 <a href="/x">点此</a> [1]'],
    ["a javascript: URI", "答案 javascript:alert(1) [1]"],
    ["an iframe", "<iframe srcdoc='x'></iframe>答案 [1]"],
    ["text over the length bound", `${"很长".repeat(101)} [1]`],
    ["only tags", "<b></b>"],
  ])("rejects %s", (_, text) => {
    expect(() => ok(text)).toThrow(UnsafeOutputError);
  });

  it("strips harmless HTML, line tags becoming line breaks", () => {
    expect(ok("<p>不需要写到具体条款 [1]</p><p>只列名称<br/>即可 [1]</p>")).toBe("不需要写到具体条款 [1]\n\n只列名称\n即可 [1]");
    expect(stripHtml("<b>主动</b>公开<!-- x -->")).toBe("主动公开");
  });
});
