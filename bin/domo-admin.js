#!/usr/bin/env node
// The installed command runs the built CLI (dist/). In this repository, `npm run cli -- <args>` runs the sources.
import('../dist/cli/main.js');
