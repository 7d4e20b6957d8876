#!/usr/bin/env node
// Committed so npm can link the bin before the first build; the program is dist/bin.js (CommonJS).
require("../dist/bin.js");
