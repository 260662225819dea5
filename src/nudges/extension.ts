import type { CoreExtension } from "../core/bot-core.js";
import { cancelNudgeSession, handleNudgeCommand, NUDGE_HELP, nudgeCommands, type NudgeCommandDeps } from "./commands.js";

/**
 * The nudges feature as a bot-core extension: its commands, /help section, handler and /cancel
 * hook. `deps` is read on every message, so a caller may supply the database after creation.
 */
export function nudgesExtension(deps: () => NudgeCommandDeps): CoreExtension {
  return {
    commands: nudgeCommands,
    help: NUDGE_HELP,
    handle: (msg) => handleNudgeCommand(msg, deps()),
    cancel: (msg) => cancelNudgeSession(msg, deps()),
  };
}
