#!/usr/bin/env node
console.log('agency-tokens: not built yet');
