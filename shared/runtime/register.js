// Loaded with `node --import` before any project module: the Reflect metadata API, and the
// project's TypeScript compiled by SWC as Node loads it (swc-options.js, jest's too).
//
// The hooks run in the loading thread (module.registerHooks). A loader registered with
// module.register runs in a thread of its own: a second V8 isolate in every process of the
// project, about 100 MB each, and a message between threads for every module loaded.
import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { fileURLToPath } from 'node:url';
import { transformSync } from '@swc/core';
import { SWC_OPTIONS } from './swc-options.js';

// Stack traces in logs name the TypeScript lines.
process.setSourceMapsEnabled(true);

if (typeof nodeModule.registerHooks !== 'function') {
  // npm scripts run on the Node that npm installed into node_modules/.bin.
  throw new Error(`Node ${process.version} is too old for this project (22.17 or later): run it through npm (npm start, npm test, ...)`);
}

const isProjectFile = (url) => url.startsWith('file:') && !url.includes('/node_modules/');

nodeModule.registerHooks({
  // Sources import their siblings as `./x.js` (NodeNext): that is the `.ts` file beside them.
  resolve(specifier, context, nextResolve) {
    if (specifier.endsWith('.js') && (specifier.startsWith('./') || specifier.startsWith('../')) && context.parentURL && isProjectFile(context.parentURL)) {
      const ts = new URL(`${specifier.slice(0, -3)}.ts`, context.parentURL);
      if (existsSync(ts)) return nextResolve(ts.href, context);
    }
    return nextResolve(specifier, context);
  },
  load(url, context, nextLoad) {
    if (!url.endsWith('.ts') || !isProjectFile(url)) return nextLoad(url, context);
    const filename = fileURLToPath(url);
    const { code } = transformSync(readFileSync(filename, 'utf8'), { ...SWC_OPTIONS, filename });
    return { format: 'module', source: code, shortCircuit: true };
  },
});
