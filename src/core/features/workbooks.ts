/** The workbooks feature: /export, /check and uploaded files, and its part of /cancel. */
import type { Feature } from "../feature.js";
import { loadConversation, saveConversation } from "../state.js";
import { checkWorkbook, exportCatalogue, type WorkbookDeps } from "../workbooks.js";

/** Creates the workbooks feature. */
export function workbooksFeature(deps: WorkbookDeps): Feature {
  const awaiting = (chatId: string) => loadConversation(deps.store, chatId).awaiting === "workbook";
  return {
    name: "workbooks",
    helpTitle: "📊 目录表格",
    commands: [
      {
        name: "export",
        description: "导出目录 Excel 表格",
        help: "/export — 导出本聊天的目录（Excel 模板格式）",
        handle: (msg) => exportCatalogue(deps, msg.chatId),
      },
      {
        name: "check",
        description: "检查一份目录表格（随后发送 .xlsx）",
        help: "/check — 检查一份目录表格：随后发送 .xlsx 文件，返回批注版报告（私聊中直接发送文件也可以）",
        handle: (msg) => {
          if (msg.chatType === "group" && msg.capabilities?.filesInGroups === false) {
            return [{ text: "请私聊机器人发送 .xlsx 文件：在本平台，群里发送的文件不会转给机器人。私聊中直接发送文件，我会逐条校验并返回批注版报告。" }];
          }
          saveConversation(deps.store, msg.chatId, { awaiting: "workbook" });
          return [{ text: "请发送要检查的目录表格（.xlsx 文件）。我会逐条校验，并返回批注版报告。发送 /cancel 取消。" }];
        },
      },
    ],
    files: {
      awaiting,
      handle: (msg, file) => {
        saveConversation(deps.store, msg.chatId, {});
        return checkWorkbook(deps, msg.chatId, file);
      },
    },
    cancel: (msg) => {
      if (!awaiting(msg.chatId)) return null;
      saveConversation(deps.store, msg.chatId, {});
      return [{ text: "已取消检查表格。" }];
    },
  };
}
