// Loaded with `node --import`: records the URL of every module the process resolves into the
// file named by RECORD_IMPORTS_FILE (one per line), through a resolve hook.
import { register } from "node:module";

register("./record-imports-hooks.mjs", import.meta.url, { data: { file: process.env.RECORD_IMPORTS_FILE } });
