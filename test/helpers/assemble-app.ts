// Child process of test/llm/lazy-clients.test.ts: starts the application as `npm start` does
// (store, knowledge, core), with the configuration from the environment, then stops.
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import { assemble } from "../../src/main.js";

const { db } = await assemble(loadConfig(), createLogger("silent"));
db.close();
