import { config } from 'zod';

// zod 4 probes `new Function` when an object schema is built (to compile fast parsers). Our CSP
// forbids eval, and Chromium reports even the caught attempt as a script-src violation. This
// module loads before any route, hence before the shared schemas are built.
config({ jitless: true });
