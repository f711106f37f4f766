#!/usr/bin/env node
// Runs the bundled kubelite (npm run build). The multi-call binary reads argv[1] to tell
// whether it was started as kubelite or kctl.
require('../dist/kubelite.cjs');
