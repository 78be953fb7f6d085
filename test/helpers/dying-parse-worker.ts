/** A parse helper that dies at once, as one that ran out of memory would (test/check/parse-pool.test.ts). */
process.exit(3);
