import type { Feature } from "../core/feature.js";
import type { Reply } from "../core/types.js";
import { NUDGE_COMMANDS, NUDGE_HELP_TITLE, NUDGE_HELP_TITLE_OFF } from "./command-specs.js";
import { cancelNudgeSession, handleNudgeCommand, type NudgeCommandDeps } from "./commands.js";
import { nudgeButtons } from "./buttons.js";
import { awaitsLedgerAnswer, resumeLedger } from "./ledger.js";
import { LedgerStore } from "./ledger-store.js";
import { moveNudgesChat, nudgesMigrations } from "./migration.js";

/**
 * The nudges as a bot-core feature: its commands, /help section, buttons, the ledger
 * conversation (text from the sender filling it in), /cancel, its tables and its chat-move hook.
 * `deps` is read on every message, so a caller may supply the database after creation.
 * @param o.remindersEnabled false when this deployment sends no reminders (NUDGES_ENABLED=false):
 *   replies and /help then say so wherever they would promise one.
 */
export function nudgesFeature(deps: () => NudgeCommandDeps, o: { remindersEnabled?: boolean } = {}): Feature {
  const enabled = o.remindersEnabled ?? true;
  const withFlag = (): NudgeCommandDeps => ({ ...deps(), remindersEnabled: enabled });
  const orEmpty = async (replies: Promise<Reply[] | null>) => (await replies) ?? [];
  return {
    name: "nudges",
    helpTitle: enabled ? NUDGE_HELP_TITLE : NUDGE_HELP_TITLE_OFF,
    commands: NUDGE_COMMANDS.map((c) => ({ ...c, handle: (msg, cmd) => orEmpty(handleNudgeCommand(msg, withFlag(), cmd)) })),
    text: { scope: "sender", handle: (msg) => handleNudgeCommand(msg, withFlag(), null), verbatim: (msg) => awaitsLedgerAnswer(msg, deps().db) },
    buttons: { prefix: nudgeButtons.prefix, handle: (msg) => orEmpty(handleNudgeCommand(msg, withFlag())) },
    cancel: (msg) => cancelNudgeSession(msg, deps()),
    resume: (chatId) => resumeLedger(new LedgerStore(deps().db), chatId),
    migrations: nudgesMigrations,
    chatMoved: moveNudgesChat,
  };
}
