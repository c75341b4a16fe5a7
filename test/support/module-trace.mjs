// Loaded with `node --import`: writes the URL of every module the process loads, one a line, to the
// file named by MODULE_TRACE_FILE — to show which libraries a command pulls in.
import { register } from 'node:module';

register('./module-trace-hooks.mjs', import.meta.url, { data: { file: process.env.MODULE_TRACE_FILE } });
