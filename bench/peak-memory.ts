/**
 * Preloaded (`node -r peak-memory.js ...`) into a process whose memory the bench reports but
 * whose code it does not own (the audit command, the floor): writes the peak resident memory
 * to stderr as the last line when the process exits.
 */
process.on('exit', () => {
  process.stderr.write(`\npeak-rss-mib ${process.resourceUsage().maxRSS / 1024}\n`);
});
