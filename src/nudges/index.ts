/**
 * Deadline nudges: the public surface used by the bot core and main.
 *
 * Wiring (see the JSDoc of each function):
 *   const deadlines = loadDeadlines(config.deadlinesFile);
 *   const engine = startNudges({ db, deadlines, outbox, logger });   // if config.nudgesEnabled
 *   const nudges = nudgesFeature(() => ({ db, deadlines, coordinators }), { remindersEnabled: config.nudgesEnabled });
 *   const db = openDb(file, nudges.migrations);                      // the feature's own tables
 *   createBotCore({ …, features: [nudges] });
 *   engine.stop();                                                     // on shutdown
 */
export { addWorkdays, calendarCoverage, isWorkday, lastWorkdayOnOrBefore, reminderDay, shanghaiNow } from "./calendar.js";
export { DeadlinesError, loadDeadlines, parseDeadlines, type Deadline } from "./deadlines.js";
export { planSends, type PlannedSend } from "./plan.js";
export { createTick, LEDGER_DEADLINE_ID, startNudges, type NudgeEngine, type NudgeOptions, type TickSend } from "./scheduler.js";
export { cancelNudgeSession, handleNudgeCommand, isCoordinator, type NudgeCommandDeps } from "./commands.js";
export { NUDGE_COMMANDS } from "./command-specs.js";
export { classifyDeliveryError } from "./scheduler.js";
export { nudgesFeature } from "./extension.js";
export { moveNudgesChat, nudgesMigration, nudgesMigrations } from "./migration.js";
